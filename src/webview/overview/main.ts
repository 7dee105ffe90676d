// The instance overview's page: draws the app's process with bpmn-js (viewer only), marks this instance's
// passed and current tasks, and lists status, data, timeline, actions and links. Runs inside the webview.
import Viewer from 'bpmn-js/lib/Viewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './overview.css';
import { MARKER_PREFIX, type FromWebview, type OverviewButton, type OverviewModel, type OverviewRow, type ToWebview } from '../../overview/messages';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const post = (message: FromWebview) => vscode.postMessage(message);

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function section(title: string, ...content: Node[]): HTMLElement {
  const s = el('section');
  s.append(el('h2', title), ...content);
  return s;
}

function rows(items: readonly OverviewRow[]): HTMLElement {
  const dl = el('dl');
  for (const r of items) dl.append(el('dt', r.label), el('dd', r.value));
  return dl;
}

function buttons(items: readonly OverviewButton[], empty?: string): HTMLElement {
  const div = el('div', undefined, 'buttons');
  if (items.length === 0 && empty) div.append(el('p', empty, 'muted'));
  for (const b of items) {
    const button = el('button', b.label);
    button.dataset.button = b.id;
    if (b.detail) button.title = b.detail;
    button.addEventListener('click', () => post({ type: 'button', button: b.id }));
    div.append(button);
  }
  return div;
}

function timeline(items: readonly OverviewRow[]): HTMLElement {
  const ol = el('ol', undefined, 'timeline');
  for (const r of items) {
    const li = el('li');
    li.append(el('time', r.label), el('span', r.value));
    ol.append(li);
  }
  return ol;
}

/** Reads back what the diagram shows: our marker classes on every drawn BPMN element. */
function drawnMarkers(): Record<string, string[]> {
  const markers: Record<string, string[]> = {};
  for (const g of document.querySelectorAll<SVGGElement>('#diagram .djs-element[data-element-id]')) {
    const ours = [...g.classList].filter((c) => c.startsWith(MARKER_PREFIX)).map((c) => c.slice(MARKER_PREFIX.length));
    markers[g.dataset.elementId ?? g.getAttribute('data-element-id') ?? ''] = ours;
  }
  return markers;
}

let viewer: Viewer | undefined;
let fitter: ResizeObserver | undefined;
let shown: OverviewModel | undefined;

async function show(model: OverviewModel): Promise<void> {
  shown = model;
  document.title = model.title;
  const root = document.getElementById('root')!;
  root.replaceChildren();
  root.append(el('h1', model.title));
  const diagram = el('div');
  diagram.id = 'diagram';
  diagram.setAttribute('role', 'img');
  diagram.setAttribute('aria-label', model.tasks.map((t) => t.summary).join('. '));
  const tasks = el('ul', undefined, 'tasks');
  for (const t of model.tasks) tasks.append(el('li', t.summary, `task ${t.state}`));
  root.append(section(model.text.process, diagram, el('p', model.text.legend, 'legend'), tasks));
  root.append(section(model.text.actions, buttons(model.actions, model.text.noActions)));
  root.append(section(model.text.status, rows(model.status)));
  root.append(section(model.text.data, buttons(model.data)));
  root.append(section(model.text.timeline, timeline(model.timeline)));
  root.append(section(model.text.links, buttons(model.links)));

  let error: string | undefined;
  fitter?.disconnect();
  fitter = undefined;
  viewer?.destroy();
  viewer = undefined;
  if (model.bpmn) {
    viewer = new Viewer({
      container: diagram,
      bpmnRenderer: {
        defaultFillColor: themeColor('--vscode-editor-background', 'Canvas'),
        defaultStrokeColor: themeColor('--vscode-editor-foreground', 'CanvasText'),
        defaultLabelColor: themeColor('--vscode-editor-foreground', 'CanvasText'),
      },
    });
    try {
      await viewer.importXML(model.bpmn);
      const canvas = viewer.get<{ addMarker(id: string, marker: string): void; zoom(level: string): void }>('canvas');
      const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
      for (const t of model.tasks) {
        if (registry.get(t.id)) canvas.addMarker(t.id, MARKER_PREFIX + t.state);
      }
      canvas.zoom('fit-viewport');
      // The panel is resized when the side bar or panel moves: the diagram fits again.
      fitter = new ResizeObserver(() => canvas.zoom('fit-viewport'));
      fitter.observe(diagram);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  if (!model.bpmn || error) diagram.append(el('p', model.text.noDiagram, 'muted'));
  const pressable = [...document.querySelectorAll<HTMLButtonElement>('button[data-button]')].map((b) => b.dataset.button ?? '');
  const timelineText = [...document.querySelectorAll('.timeline li')].map((li) => [...li.children].map((c) => c.textContent).join(' '));
  post({ type: 'drawn', markers: drawnMarkers(), buttons: pressable, timeline: timelineText, error });
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'show') {
    void show(message.model);
  } else if (message.type === 'press') {
    const button = document.querySelector<HTMLButtonElement>(`button[data-button="${CSS.escape(message.button)}"]`);
    if (button) button.click();
    else post({ type: 'pressFailed', button: message.button });
  }
});

// VS Code marks the theme on the body (vscode-light, vscode-dark, vscode-high-contrast); the diagram's
// colours are fixed when it is drawn, so a theme change draws it again.
new MutationObserver(() => {
  if (shown) void show(shown);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

post({ type: 'ready' });
