/**
 * Entry of each worker thread of the pool (src/services/workers.ts). The tasks are TypeScript:
 * under `tsx` (npm start, the CLI) the loader comes with the inherited execArgv, but under vitest
 * or plain node it does not, so tsx's own API loads them here. Its namespaced loader works either way.
 */
import { tsImport } from 'tsx/esm/api';

const { runTask } = await tsImport('./tasks.ts', import.meta.url);

export default runTask;
