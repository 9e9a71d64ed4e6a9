/** Custom forms API hooks (issue #17): published forms and versions for staff, the builder's calls for administrators. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { useIdempotencyKey } from '../api/idempotency';
import type {
  CustomForm,
  CustomFormAnswer,
  CustomFormDefinition,
  CustomFormList,
  CustomFormVersionAnswer,
} from '../../server/api-types';

export type { CustomForm, CustomFormDefinition };

/** Published forms of one target (`case`, or an entry kind such as `service`). */
export function usePublishedForms(target: string) {
  return useQuery({
    queryKey: ['forms', 'published', target],
    queryFn: () => api<CustomFormList>(`/api/forms?target=${encodeURIComponent(target)}`),
    staleTime: 60_000,
  });
}

/** A published version, as it was published: never changes, so it is cached for the session. */
export function useFormVersion(code: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: ['forms', 'version', code, version],
    queryFn: () => api<CustomFormVersionAnswer>(`/api/forms/${code}/versions/${version}`),
    enabled: Boolean(code && version),
    staleTime: Infinity,
  });
}

export function useAllForms() {
  return useQuery({ queryKey: ['forms', 'all'], queryFn: () => api<CustomFormList>('/api/configuration/forms') });
}

export function useForm(code: string | undefined) {
  return useQuery({
    queryKey: ['forms', 'one', code],
    queryFn: () => api<CustomFormAnswer>(`/api/configuration/forms/${code}`),
    enabled: Boolean(code),
  });
}

function useFormChange<B>(request: (body: B) => Promise<CustomFormAnswer>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (answer) => {
      client.setQueryData(['forms', 'one', answer.form.code], answer);
      return client.invalidateQueries({ queryKey: ['forms'] });
    },
  });
}

/** A new form: one idempotency key per submission, renewed after a success. */
export function useCreateForm() {
  const idem = useIdempotencyKey();
  const mutation = useFormChange((definition: CustomFormDefinition) =>
    api<CustomFormAnswer>('/api/configuration/forms', {
      method: 'POST',
      body: { definition },
      idempotencyKey: idem.key,
    }),
  );
  return { ...mutation, renew: idem.renew };
}

export const useSaveDraft = (code: string) =>
  useFormChange((body: { definition: CustomFormDefinition; lockVersion: number }) =>
    api<CustomFormAnswer>(`/api/configuration/forms/${code}/draft`, { method: 'PUT', body }),
  );

export const useFormAction = (code: string, action: 'publish' | 'retire') =>
  useFormChange((body: { lockVersion: number }) =>
    api<CustomFormAnswer>(`/api/configuration/forms/${code}/${action}`, { method: 'POST', body }),
  );
