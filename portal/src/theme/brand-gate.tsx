import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { useBranding } from '../api/queries.ts';
import { applyBrand, type PortalBrand } from './brand.ts';

const BrandContext = createContext<PortalBrand | null>(null);

/** The partner brand of this hostname; only available below BrandGate. */
export function useBrand(): PortalBrand {
  const brand = useContext(BrandContext);
  if (!brand) throw new Error('useBrand is used outside BrandGate.');
  return brand;
}

/**
 * Loads the brand before anything renders, so a partner's client never sees another name or
 * colour flash by. A failure shows a plain, unbranded retry.
 */
export function BrandGate({ children }: { children: ReactNode }) {
  const branding = useBranding();
  useEffect(() => {
    if (branding.data) applyBrand(branding.data);
  }, [branding.data]);

  if (branding.isPending) return <p className="page-status">Loading…</p>;
  if (branding.isError) {
    return (
      <main className="centered">
        <p role="alert">This portal could not be loaded. Check your connection and try again.</p>
        <button type="button" onClick={() => branding.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  return <BrandContext.Provider value={branding.data}>{children}</BrandContext.Provider>;
}
