import { useBrand } from '../theme/brand-gate.tsx';

/** The partner's logo, or its name when it has none. */
export function BrandMark() {
  const brand = useBrand();
  return (
    <span className="brand-mark">
      {brand.logo_url ? <img src={brand.logo_url} alt="" className="brand-logo" /> : null}
      <span className="brand-name" data-testid="brand-name">
        {brand.display_name}
      </span>
    </span>
  );
}
