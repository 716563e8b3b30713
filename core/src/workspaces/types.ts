import { z } from 'zod';
import { type Metadata, MetadataSchema } from '../validation/index.ts';

/** One client business of a partner. */
export type Workspace = {
  id: string;
  partnerId: string;
  name: string;
  externalId: string | null;
  metadata: Metadata;
  createdAt: Date;
  updatedAt: Date;
};

const Name = z.string().trim().min(1, 'name must not be empty').max(200);
const ExternalId = z.string().min(1).max(255);

export const CreateWorkspaceInputSchema = z.strictObject({
  name: Name,
  external_id: ExternalId.optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInputSchema>;

export const UpdateWorkspaceInputSchema = z
  .strictObject({
    name: Name.optional(),
    external_id: ExternalId.nullable().optional(),
    metadata: MetadataSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'give at least one field to change' });
export type UpdateWorkspaceInput = z.infer<typeof UpdateWorkspaceInputSchema>;

export const ListWorkspacesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
  external_id: ExternalId.optional(),
});
export type ListWorkspacesQuery = z.infer<typeof ListWorkspacesQuerySchema>;
