import { verifyEvidence as verify } from '@laras/core/evidence';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const verifyEvidence = defineRoute('verifyEvidence')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const result = await verify(deps, workspaceScope(principal, params));
    return {
      status: 200,
      body: {
        valid: result.valid,
        length: result.length,
        head_hash: result.headHash,
        first_bad_seq: result.firstBadSeq,
      },
    };
  },
});
