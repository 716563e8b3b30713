import { defineRoute } from '../../routing/define-route.ts';

export const getHealth = defineRoute('getHealth')({
  auth: 'none',
  async handler() {
    return { status: 200, body: { status: 'ok' } };
  },
});
