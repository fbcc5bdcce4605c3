// The tutorial's actions as forms: each posts one change and shows the lab's answer; a refused
// change shows helm's error until the next change succeeds.
import type { ChangeResult, LiveState } from '@grpc-greeter/lab-engine/contract';
import { byId, el } from './dom';
import { requestChange } from './lab-api';

export class Controls {
  private state?: LiveState;
  private shownWeights = '';

  constructor() {
    this.onSubmit('weights-form', () =>
      requestChange('/api/weights', { weights: this.weightInputs() }),
    );
    this.onSubmit('scale-form', () =>
      requestChange('/api/scale', {
        version: byId<HTMLSelectElement>('scale-version').value,
        replicas: byId<HTMLInputElement>('scale-replicas').valueAsNumber,
      }),
    );
    this.onSubmit('restart-form', () =>
      requestChange('/api/restart', { version: byId<HTMLSelectElement>('restart-version').value }),
    );
    this.onSubmit('scenario-form', () =>
      requestChange('/api/scenario', { name: byId<HTMLSelectElement>('scenario-select').value }),
    );
    byId('scale-version').addEventListener('change', () => this.showReplicas());
  }

  render(state: LiveState): void {
    const previous = this.state;
    this.state = state;
    const versions = Object.keys(state.replicas);
    setOptions('scale-version', versions);
    setOptions('restart-version', versions);
    setOptions('scenario-select', state.scenarios, state.scenario);
    if (previous?.scenario !== state.scenario || !previous) this.showReplicas();
    // Rewrite the weight inputs only when the lab's weights change, never under someone typing.
    const weights = JSON.stringify([versions, state.weights]);
    if (weights !== this.shownWeights) {
      this.shownWeights = weights;
      this.renderWeightInputs(state);
    }
    const mesh = state.path === 'mesh';
    byId<HTMLFieldSetElement>('weights-fieldset').disabled = !mesh;
    byId('weights-note').hidden = mesh;
  }

  private renderWeightInputs(state: LiveState): void {
    const inputs = Object.keys(state.replicas).map((version) =>
      el(
        'label',
        {},
        `${version} `,
        el('input', {
          type: 'number',
          min: '0',
          max: '100',
          step: '1',
          required: true,
          name: version,
          id: `weight-${version}`,
          value: String(state.weights?.[version] ?? 0),
        }),
      ),
    );
    byId('weight-inputs').replaceChildren(...inputs);
  }

  private weightInputs(): Record<string, number> {
    const inputs = byId('weight-inputs').querySelectorAll<HTMLInputElement>('input');
    return Object.fromEntries([...inputs].map((input) => [input.name, input.valueAsNumber]));
  }

  private showReplicas(): void {
    const version = byId<HTMLSelectElement>('scale-version').value;
    byId<HTMLInputElement>('scale-replicas').value = String(this.state?.replicas[version] ?? 1);
  }

  private onSubmit(formId: string, change: () => Promise<ChangeResult>): void {
    const form = byId<HTMLFormElement>(formId);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const button = form.querySelector('button') as HTMLButtonElement;
      button.disabled = true;
      void change().then((result) => {
        button.disabled = false;
        const refused = byId('refused');
        refused.textContent = result.ok ? '' : result.error;
        refused.hidden = result.ok;
      });
    });
  }
}

/** Replaces a select's options when the list changed, keeping the choice (or `selected`). */
function setOptions(id: string, values: readonly string[], selected?: string): void {
  const select = byId<HTMLSelectElement>(id);
  const current = [...select.options].map((option) => option.value);
  if (current.join('\n') === values.join('\n')) return;
  const keep = selected ?? select.value;
  select.replaceChildren(...values.map((value) => el('option', { value, textContent: value })));
  if (values.includes(keep)) select.value = keep;
}
