/**
 * The businesses, WhatsApp Business Accounts, phone numbers and Instagram accounts a person can
 * pick in the sandbox's dialogs. Ids are numeric strings like Meta's; the default set is stable
 * so the demo and docs can name it, and tests add their own with fresh ids (`SandboxState.add…`).
 */

export type QualityRating = 'GREEN' | 'YELLOW' | 'RED' | 'NA';

export type SeedPhoneNumber = {
  id: string;
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: QualityRating;
};

export type SeedWaba = { id: string; name: string; phoneNumbers: SeedPhoneNumber[] };

export type SeedBusiness = { id: string; name: string; wabas: SeedWaba[] };

export type SeedInstagramAccount = {
  /** The Instagram professional account id (`user_id` of /me, `entry[].id` of webhooks). */
  userId: string;
  /** The app-scoped id (`id` of /me). */
  appScopedId: string;
  username: string;
  name: string;
  accountType: 'BUSINESS' | 'MEDIA_CREATOR';
};

export type Seed = { businesses: SeedBusiness[]; instagramAccounts: SeedInstagramAccount[] };

/** The ids of the default seed, for docs, the demo and tests that only read. */
export const SEED_IDS = {
  demoBakery: {
    businessId: '710000000000001',
    wabaId: '720000000000001',
    phoneNumberIds: ['730000000000001', '730000000000002'],
  },
  kopiKita: { businessId: '710000000000002', wabaId: '720000000000002', phoneNumberIds: ['730000000000003'] },
  instagram: { demoBakery: '17841400000000001', kopiKita: '17841400000000002' },
} as const;

export function defaultSeed(): Seed {
  return {
    businesses: [
      {
        id: SEED_IDS.demoBakery.businessId,
        name: 'Demo Bakery Ltd',
        wabas: [
          {
            id: SEED_IDS.demoBakery.wabaId,
            name: 'Demo Bakery',
            phoneNumbers: [
              {
                id: '730000000000001',
                displayPhoneNumber: '+1 555-0100-0001',
                verifiedName: 'Demo Bakery',
                qualityRating: 'GREEN',
              },
              {
                id: '730000000000002',
                displayPhoneNumber: '+1 555-0100-0002',
                verifiedName: 'Demo Bakery Express',
                qualityRating: 'GREEN',
              },
            ],
          },
        ],
      },
      {
        id: SEED_IDS.kopiKita.businessId,
        name: 'Kopi Kita Group',
        wabas: [
          {
            id: SEED_IDS.kopiKita.wabaId,
            name: 'Kopi Kita',
            phoneNumbers: [
              {
                id: '730000000000003',
                displayPhoneNumber: '+1 555-0100-0003',
                verifiedName: 'Kopi Kita',
                qualityRating: 'GREEN',
              },
            ],
          },
        ],
      },
    ],
    instagramAccounts: [
      {
        userId: SEED_IDS.instagram.demoBakery,
        appScopedId: '9876543210987001',
        username: 'demo.bakery',
        name: 'Demo Bakery',
        accountType: 'BUSINESS',
      },
      {
        userId: SEED_IDS.instagram.kopiKita,
        appScopedId: '9876543210987002',
        username: 'kopikita.id',
        name: 'Kopi Kita',
        accountType: 'BUSINESS',
      },
    ],
  };
}
