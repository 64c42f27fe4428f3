import { DETECTORS, MASK_FIELDS, MODE_TEXT, MODES, type MaskChoices, type MaskMode } from './mask-policy';

function isMode(x: string): x is MaskMode {
  return (MODES as readonly string[]).includes(x);
}

/** The masking modes as options of a select. */
function ModeOptions() {
  return MODES.map((m) => (
    <option key={m} value={m}>
      {MODE_TEXT[m]}
    </option>
  ));
}

/** Per-detector (free text) and per-field (whole value) masking choices. */
export function MaskingChoices({ choices, onChange }: { choices: MaskChoices; onChange: (c: MaskChoices) => void }) {
  return (
    <div className="mask-choices" data-testid="mask-choices">
      <p className="muted small mask-legend">
        <strong>redact</strong> replaces a value with its kind ([EMAIL], [USER]); <strong>pseudonym</strong> with a keyed token, the same for the same
        value within this export; <strong>partial</strong> keeps a fragment (domain, network prefix, last digits). Masked bundles carry no per-event
        proofs.
      </p>
      <table>
        <thead>
          <tr>
            <th>Found in any text</th>
            <th>Mask as</th>
          </tr>
        </thead>
        <tbody>
          {DETECTORS.map((d) => {
            const s = choices.detectors[d.id];
            return (
              <tr key={d.id}>
                <td>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={s.enabled}
                      onChange={(e) => onChange({ ...choices, detectors: { ...choices.detectors, [d.id]: { ...s, enabled: e.target.checked } } })}
                    />
                    {d.label}
                  </label>
                </td>
                <td>
                  <select
                    aria-label={`Mode for ${d.label}`}
                    value={s.mode}
                    disabled={!s.enabled}
                    onChange={(e) => isMode(e.target.value) && onChange({ ...choices, detectors: { ...choices.detectors, [d.id]: { ...s, mode: e.target.value } } })}
                  >
                    <ModeOptions />
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <thead>
          <tr>
            <th>Field (whole value, wherever it occurs)</th>
            <th>Mask as</th>
          </tr>
        </thead>
        <tbody>
          {MASK_FIELDS.map((f) => (
            <tr key={f}>
              <td className="mono">{f}</td>
              <td>
                <select
                  aria-label={`Mask field ${f}`}
                  value={choices.fields[f]}
                  onChange={(e) => {
                    const v = e.target.value;
                    if (v === 'none' || isMode(v)) onChange({ ...choices, fields: { ...choices.fields, [f]: v } });
                  }}
                >
                  <option value="none">not masked</option>
                  <ModeOptions />
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
