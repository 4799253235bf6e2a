/** The portfolio toolbar's pop-over menus: column chooser and saved views. */
import { useState } from 'react';
import { COLUMNS } from './columns';
import { DEFAULT_VIEW, type PortfolioView } from './view';

export function ColumnsMenu({ hidden, onChange }: { hidden: string[]; onChange: (hidden: string[]) => void }) {
  const section = (s: 'record' | 'health', title: string) => (
    <fieldset className="pf-menu-section">
      <legend>{title}</legend>
      {COLUMNS.filter((c) => c.id !== 'name' && c.section === s).map((c) => (
        <label key={c.id} className="hl-menu-check" title={c.title}>
          <input
            type="checkbox"
            checked={!hidden.includes(c.id)}
            onChange={(e) => onChange(e.target.checked ? hidden.filter((h) => h !== c.id) : [...hidden, c.id])}
          />
          {c.menuLabel ?? c.label}
        </label>
      ))}
    </fieldset>
  );
  return (
    <div className="hl-menu pf-menu-columns" role="menu" data-testid="portfolio-columns-menu">
      <div className="pf-menu-cols">
        {section('record', 'Partner')}
        {section('health', 'Health')}
      </div>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => onChange(DEFAULT_VIEW.hidden)}>
        Reset columns
      </button>
    </div>
  );
}

export function ViewsMenu({
  views,
  onApply,
  onSave,
  onDelete,
}: {
  views: Record<string, PortfolioView>;
  onApply: (v: PortfolioView) => void;
  onSave: (name: string) => void;
  onDelete: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const names = Object.keys(views).sort((a, b) => a.localeCompare(b));
  return (
    <div className="hl-menu hl-menu-views" role="menu" data-testid="portfolio-views-menu">
      {names.length === 0 ? <div className="hl-menu-empty">No saved views yet.</div> : null}
      {names.map((n) => (
        <div key={n} className="hl-menu-view">
          <button type="button" className="hl-menu-item" onClick={() => onApply({ ...DEFAULT_VIEW, ...views[n]! })}>
            {n}
          </button>
          <button type="button" className="hl-menu-x" onClick={() => onDelete(n)} aria-label={`Delete view ${n}`}>
            ×
          </button>
        </div>
      ))}
      <form
        className="hl-menu-save"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          onSave(name.trim());
          setName('');
        }}
      >
        <input className="hl-input" placeholder="Save this view as…" value={name} onChange={(e) => setName(e.target.value)} aria-label="View name" data-testid="portfolio-view-name" />
        <button type="submit" className="btn btn-small btn-primary" disabled={!name.trim()}>
          Save
        </button>
      </form>
      <button type="button" className="btn btn-ghost btn-small" onClick={() => onApply(DEFAULT_VIEW)}>
        Reset to default
      </button>
    </div>
  );
}
