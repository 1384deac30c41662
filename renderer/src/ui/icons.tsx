// Toolbar icons drawn as SVG, so they look the same on every machine whatever fonts it has.
const lines = (rows: [number, number][]) => rows.map(([x, w], i) => <line key={i} x1={x} x2={x + w} y1={3 + i * 3.4} y2={3 + i * 3.4} />);

const PATHS: Record<string, React.ReactNode> = {
  comment: <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" fill="none" strokeLinejoin="round" />,
  'align-left': lines([[2, 12], [2, 8], [2, 12], [2, 7]]),
  'align-center': lines([[2, 12], [4, 8], [2, 12], [4.5, 7]]),
  'align-right': lines([[2, 12], [6, 8], [2, 12], [7, 7]]),
  'align-justify': lines([[2, 12], [2, 12], [2, 12], [2, 12]]),
  bullets: (
    <>
      <circle cx="3" cy="4" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="3" cy="8" r="1.2" fill="currentColor" stroke="none" />
      <circle cx="3" cy="12" r="1.2" fill="currentColor" stroke="none" />
      <line x1="6" x2="14" y1="4" y2="4" />
      <line x1="6" x2="14" y1="8" y2="8" />
      <line x1="6" x2="14" y1="12" y2="12" />
    </>
  ),
  numbers: (
    <>
      <path d="M2 2.5h1.2v3.5M2 6h2.4M1.8 9.2c.4-.6 2.2-.7 2.2.4 0 .9-2.2 1.6-2.2 2.4h2.4" strokeWidth="1" />
      <line x1="6" x2="14" y1="4" y2="4" />
      <line x1="6" x2="14" y1="11" y2="11" />
    </>
  ),
  link: (
    <>
      <path d="M7 9.5a3 3 0 0 0 4.2 0l2-2a3 3 0 0 0-4.2-4.2l-.8.8" fill="none" />
      <path d="M9 6.5a3 3 0 0 0-4.2 0l-2 2a3 3 0 0 0 4.2 4.2l.8-.8" fill="none" />
    </>
  ),
  rule: <line x1="1.5" x2="14.5" y1="8" y2="8" />,
  'page-break': (
    <>
      <path d="M3 2v3h10V2M3 14v-3h10v3" fill="none" />
      <line x1="1" x2="15" y1="8" y2="8" strokeDasharray="2 1.5" />
    </>
  ),
  signature: <path d="M1.5 12c2-4 3.5-8 4.5-8s-1 7 1 7 2-4 3-4 0 3 1.5 3 2-1 3-1.5M1.5 14.5h13" fill="none" />,
};

export function Icon({ name }: { name: string }) {
  const drawing = PATHS[name];
  if (!drawing) return null;
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" fill="none">
      {drawing}
    </svg>
  );
}

export function hasIcon(name: string): boolean {
  return name in PATHS;
}
