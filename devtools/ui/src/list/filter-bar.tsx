import {
  OUTCOME_DESCRIPTIONS,
  REASON_DESCRIPTIONS,
  REQUEST_KIND_DESCRIPTIONS,
  SESSION_STATUS_DESCRIPTIONS,
  TOKEN_TYPE_DESCRIPTIONS,
} from '@authlens/otel';
import type { Ref } from 'react';
import { type Filters, hasFilters, NO_FILTERS } from '../lib/filters.js';
import { words } from '../lib/format.js';

interface FilterBarProps {
  filters: Filters;
  onChange: (filters: Filters) => void;
  searchRef: Ref<HTMLInputElement>;
  shown: number;
  total: number;
}

const CHOICES = [
  { name: 'outcome', label: 'Decision', values: OUTCOME_DESCRIPTIONS },
  { name: 'reason', label: 'Reason', values: REASON_DESCRIPTIONS },
  { name: 'kind', label: 'Kind', values: REQUEST_KIND_DESCRIPTIONS },
  { name: 'tokenType', label: 'Token', values: TOKEN_TYPE_DESCRIPTIONS },
  { name: 'sessionStatus', label: 'Session', values: SESSION_STATUS_DESCRIPTIONS },
] as const;

/** Search, the enumerated filters (with the contract's descriptions as hints), user and path. */
export function FilterBar({ filters, onChange, searchRef, shown, total }: FilterBarProps) {
  const set = (name: keyof Filters, value: string) => onChange({ ...filters, [name]: value });
  return (
    <search className="filters" aria-label="Filter requests">
      <input
        ref={searchRef}
        type="search"
        className="search"
        name="q"
        placeholder="Search ids, paths, users, reasons…  ( / )"
        aria-label="Search"
        value={filters.q}
        onChange={(event) => set('q', event.target.value)}
      />
      {CHOICES.map((choice) => (
        <label key={choice.name}>
          <span>{choice.label}</span>
          <select
            name={choice.name}
            value={filters[choice.name]}
            onChange={(event) => set(choice.name, event.target.value)}
          >
            <option value="">any</option>
            {Object.entries(choice.values).map(([value, description]) => (
              <option key={value} value={value} title={description}>
                {words(value)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        <span>User</span>
        <input
          name="user"
          placeholder="user_…"
          value={filters.user}
          size={12}
          onChange={(event) => set('user', event.target.value.trim())}
        />
      </label>
      <label>
        <span>Path</span>
        <input
          name="path"
          placeholder="/admin"
          value={filters.path}
          size={10}
          onChange={(event) => set('path', event.target.value)}
        />
      </label>
      <label>
        <input
          type="checkbox"
          name="errors"
          checked={filters.errors === '1'}
          onChange={(event) => set('errors', event.target.checked ? '1' : '')}
        />
        <span>has errors</span>
      </label>
      <label>
        <input
          type="checkbox"
          name="loop"
          checked={filters.loop === '1'}
          onChange={(event) => set('loop', event.target.checked ? '1' : '')}
        />
        <span>loops</span>
      </label>
      {hasFilters(filters) && (
        <button type="button" onClick={() => onChange(NO_FILTERS)}>
          Clear
        </button>
      )}
      <output className="count" aria-live="polite">
        {shown === total ? `${total} requests` : `${shown} of ${total} requests`}
      </output>
    </search>
  );
}
