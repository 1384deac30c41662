// A person as versions, comments and review rounds name them: a name and a job title.
import { z } from 'zod';

export const Person = z.object({ name: z.string(), title: z.string() });
export type Person = z.infer<typeof Person>;
