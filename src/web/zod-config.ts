/**
 * Imported first by main.tsx, before any module defines a schema: Zod probes for eval
 * (new Function) when a schema is created, to compile faster parsers. The Content-Security-Policy
 * forbids eval, so the probe would be reported as a violation; jitless mode never tries.
 */
import { config } from 'zod';

config({ jitless: true });
