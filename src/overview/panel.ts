import * as vscode from 'vscode';
import { formatAppId } from '../api';
import { loadAppEvents } from '../commands/appEvents';
import { CommandIds } from '../commands/ids';
import type { InstanceTarget } from '../commands/targets';
import type { AltinnNode } from '../tree/base';
import { InstanceNode } from '../tree/nodes';
import { errorMessage } from '../util/errors';
import type { EnvironmentRegistry } from '../environments/registry';
import type { AuthView } from '../tree/services';
import type { Prompts } from '../util/prompts';
import { overviewHtml } from './html';
import { appInstanceUrl, browserUrl, cliCommand, curlCommand } from './links';
import type { DrawnReport, FromWebview, OverviewModel, ToWebview } from './messages';
import { overviewModel } from './model';

const VIEW_TYPE = 'altinn.instanceOverview';

/** What an overview uses of the extension; the command context has all of it. */
export interface OverviewDeps {
  readonly registry: EnvironmentRegistry;
  readonly auth: Pick<AuthView, 'getIdentity'>;
  readonly log: vscode.LogOutputChannel;
  readonly tree: { readonly provider: { knownNodes(): AltinnNode[] } };
  readonly prompts: Prompts;
}

/** One overview panel per instance: opened again, it comes to the front and reloads. */
export class OverviewPanels implements vscode.Disposable {
  private readonly panels = new Map<string, OverviewPanel>();

  private readonly disposables: vscode.Disposable[] = [];

  /** `treeChanged` is the tree's change event: an overview reloads when its instance's node does (after a change from anywhere). */
  constructor(
    private readonly extensionUri: vscode.Uri,
    treeChanged: vscode.Event<AltinnNode | undefined>,
  ) {
    this.disposables.push(
      treeChanged((node) => {
        for (const panel of this.panels.values()) {
          if (node instanceof InstanceNode ? panel.isFor(node.context.envId, node.instance.id) : node === undefined) panel.scheduleReload();
        }
      }),
    );
  }

  async show(ctx: OverviewDeps, target: InstanceTarget): Promise<OverviewPanel> {
    const key = `${target.envId} ${target.instance.id}`;
    let panel = this.panels.get(key);
    if (!panel) {
      panel = new OverviewPanel(ctx, this.extensionUri, target, () => this.panels.delete(key));
      this.panels.set(key, panel);
    } else {
      panel.reveal();
    }
    await panel.reload();
    return panel;
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** An open overview; its page reports back what it drew, which is also how the tests read it. */
export class OverviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ready: Promise<void>;
  private readonly drawnEmitter = new vscode.EventEmitter<DrawnReport>();
  /** What the page last reported drawing. */
  lastDrawn?: DrawnReport;
  private lastModel?: OverviewModel;
  private target: InstanceTarget;

  constructor(
    private readonly ctx: OverviewDeps,
    extensionUri: vscode.Uri,
    target: InstanceTarget,
    onClose: () => void,
  ) {
    this.target = target;
    const title = vscode.l10n.t('Overview: {0} {1}', target.appId.app, target.instance.id.split('/')[1].slice(0, 8));
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    });
    let markReady: () => void = () => undefined;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.panel.webview.html = overviewHtml(this.panel.webview, extensionUri, title);
    this.disposables.push(
      this.drawnEmitter,
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => {
        if (m.type === 'ready') {
          markReady();
          // A hidden webview loses its page; shown again, the page starts over and gets the model again.
          if (this.lastModel) void this.post({ type: 'show', model: this.lastModel });
        }
        else if (m.type === 'drawn') {
          this.lastDrawn = { markers: m.markers, buttons: m.buttons, timeline: m.timeline, error: m.error };
          this.drawnEmitter.fire(this.lastDrawn);
        } else if (m.type === 'button') void this.pressed(m.button);
        else if (m.type === 'pressFailed') ctx.log.warn(`overview: no button ${m.button}`);
      }),
      this.panel.onDidDispose(() => {
        onClose();
        this.dispose();
      }),
    );
  }

  /** Fires each time the page has drawn a model. */
  readonly onDidDraw = (listener: (r: DrawnReport) => void) => this.drawnEmitter.event(listener);

  reveal(): void {
    this.panel.reveal();
  }

  isFor(envId: string, instanceId: string): boolean {
    return this.target.envId === envId && this.target.instance.id === instanceId;
  }

  private reloadTimer?: ReturnType<typeof setTimeout>;

  /** Reloads a moment later, once: a change often refreshes the same instance several times. */
  scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reload().catch((e: unknown) => this.ctx.log.warn(`overview: reload of ${this.target.instance.id}: ${errorMessage(e)}`));
    }, 300);
  }

  /** Reads the instance again and redraws; resolves when the page reports what it drew. */
  async reload(): Promise<DrawnReport> {
    const client = this.ctx.registry.client(this.target.envId);
    const ref = this.target.instance;
    const identity = this.ctx.auth.getIdentity(this.target.envId);
    const instance = await client.instances.get(ref);
    const [bpmn, state, history, events, appEvents] = await Promise.all([
      client.apps.processDefinition(this.target.appId).catch((e: unknown) => {
        this.ctx.log.warn(`overview: process definition of ${formatAppId(this.target.appId)}: ${errorMessage(e)}`);
        return '';
      }),
      client.process.get(instance),
      client.process.history(instance),
      client.instances.events(instance, {}),
      loadAppEvents(client, identity, instance),
    ]);
    this.target = { ...this.target, instance };
    const model = overviewModel({ title: this.panel.title, instance, bpmn, state, history: history.processHistory, events, appEvents, asOrg: identity?.kind === 'org' ? identity.org : undefined });
    this.lastModel = model;
    await this.ready;
    const drawn = this.nextDrawn();
    await this.post({ type: 'show', model });
    return drawn;
  }

  private nextDrawn(): Promise<DrawnReport> {
    return new Promise<DrawnReport>((resolve) => {
      const once = this.drawnEmitter.event((r) => {
        once.dispose();
        resolve(r);
      });
    });
  }

  /** Presses one of the page's buttons in the page, as a click would; resolves when its work is done. */
  async press(button: string): Promise<void> {
    if (!this.panel.visible) {
      const drawn = this.nextDrawn();
      this.panel.reveal();
      await drawn;
    }
    const done = new Promise<void>((resolve) => this.pressedDone.push({ button, resolve }));
    await this.post({ type: 'press', button });
    await done;
  }

  private readonly pressedDone: { button: string; resolve: () => void }[] = [];

  private async post(message: ToWebview): Promise<void> {
    await this.panel.webview.postMessage(message);
  }

  /** A button of the page: the same commands as the tree's, then a reload to show what changed. */
  private async pressed(button: string): Promise<void> {
    try {
      const [kind, name] = [button.slice(0, button.indexOf(':')), button.slice(button.indexOf(':') + 1)];
      if (kind === 'action') await this.runAction(name);
      else if (kind === 'data') await this.openData(name);
      else if (kind === 'link') await this.copyLink(name);
    } catch (e) {
      void this.ctx.prompts.showErrorMessage(errorMessage(e));
    } finally {
      const waiting = this.pressedDone.findIndex((p) => p.button === button);
      if (waiting >= 0) this.pressedDone.splice(waiting, 1)[0].resolve();
    }
  }

  /** The tree's node for the instance when the view has shown it; else a node-shaped stand-in with the same context. */
  private node(dataElementId?: string): AltinnNode {
    const { envId, appId, instance } = this.target;
    const shown = this.ctx.tree.provider
      .knownNodes()
      .find((n): n is InstanceNode => n instanceof InstanceNode && n.context.envId === envId && n.instance.id === instance.id);
    const dataElement = dataElementId ? instance.data?.find((d) => d.id === dataElementId) : undefined;
    if (shown && !dataElement) return shown;
    return { context: { envId, appId, instance, dataElement } } as unknown as AltinnNode;
  }

  private async runAction(name: string): Promise<void> {
    const command = { processNext: CommandIds.processNext, confirmComplete: CommandIds.confirmComplete, setSubstatus: CommandIds.setSubstatus }[name];
    if (!command) return;
    await vscode.commands.executeCommand(command, this.node());
    await this.reload();
  }

  private async openData(elementId: string): Promise<void> {
    await vscode.commands.executeCommand(CommandIds.openDataElement, this.node(elementId));
  }

  private async copyLink(name: string): Promise<void> {
    const { envId, appId, instance } = this.target;
    const environment = this.ctx.registry.get(envId)?.environment;
    if (name === 'browser') {
      if (!environment) return;
      await vscode.env.openExternal(vscode.Uri.parse(browserUrl(environment.appBaseUrl(appId), instance.id)));
      return;
    }
    const url = appInstanceUrl(instance, environment ? environment.appBaseUrl(appId) : undefined);
    const text = name === 'curl' ? curlCommand(url) : cliCommand(appId, instance.id, envId);
    await vscode.env.clipboard.writeText(text);
    void this.ctx.prompts.showInformationMessage(
      name === 'curl' ? vscode.l10n.t('Copied a cURL command; set ALTINN_TOKEN before running it.') : vscode.l10n.t('Copied the CLI command.'),
    );
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
