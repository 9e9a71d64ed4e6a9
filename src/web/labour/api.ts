/** The employer directory (issue #19): read for the Employers page and the Work tab's pickers. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmployerViewDto } from '../../server/presenters/employer';
import { api } from '../api/client';
import type { Employers } from '../../server/api-types';

export type EmployerView = EmployerViewDto;

export function useEmployers() {
  return useQuery({
    queryKey: ['employers'],
    queryFn: () => api<Employers>('/api/employers'),
  });
}

/** A change to the directory; every change refreshes the list. */
export function useEmployerMutation<B>(path: (body: B) => string, method: (body: B) => string = () => 'POST') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => {
      const { _id: _drop, ...rest } = body as B & { _id?: string };
      return api<EmployerView>(path(body), { method: method(body), body: rest });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['employers'] }),
  });
}
