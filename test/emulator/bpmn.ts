import type { AppDef } from './apps';

/** BPMN 2.0 process definition of an app, shaped like Altinn Studio's `process.bpmn` (docs/altinn-behaviour.md §1.1). */
export function processDefinitionXml(app: AppDef): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
    '  xmlns:altinn="http://altinn.no/process" id="Altinn_SingleDataTask_Process_Definition"',
    '  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"',
    '  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
    '  targetNamespace="http://bpmn.io/schema/bpmn">',
    `  <bpmn:process id="${app.app}" isExecutable="false">`,
    '    <bpmn:startEvent id="StartEvent_1">',
    '      <bpmn:outgoing>Flow_Start_Task_1</bpmn:outgoing>',
    '    </bpmn:startEvent>',
  ];
  let incoming = 'Flow_Start_Task_1';
  app.tasks.forEach((task, i) => {
    const next = app.tasks[i + 1]?.id ?? 'EndEvent_1';
    const outgoing = `Flow_${task.id}_${next}`;
    lines.push(`    <bpmn:task id="${task.id}" name="${task.name}">`);
    lines.push(`      <bpmn:incoming>${incoming}</bpmn:incoming>`);
    lines.push(`      <bpmn:outgoing>${outgoing}</bpmn:outgoing>`);
    lines.push('      <bpmn:extensionElements>');
    lines.push('        <altinn:taskExtension>');
    lines.push(`          <altinn:taskType>${task.type}</altinn:taskType>`);
    if (task.actions.length > 0) {
      lines.push('          <altinn:actions>');
      for (const a of task.actions) lines.push(`            <altinn:action>${a}</altinn:action>`);
      lines.push('          </altinn:actions>');
    }
    lines.push('        </altinn:taskExtension>');
    lines.push('      </bpmn:extensionElements>');
    lines.push('    </bpmn:task>');
    lines.push(`    <bpmn:sequenceFlow id="${outgoing}" sourceRef="${task.id}" targetRef="${next}" />`);
    if (task.actions.includes('reject') && i > 0) {
      const back = `Flow_${task.id}_reject_${app.tasks[i - 1].id}`;
      lines.push(`    <bpmn:sequenceFlow id="${back}" sourceRef="${task.id}" targetRef="${app.tasks[i - 1].id}" />`);
    }
    incoming = outgoing;
  });
  lines.push('    <bpmn:endEvent id="EndEvent_1">');
  lines.push(`      <bpmn:incoming>${incoming}</bpmn:incoming>`);
  lines.push('    </bpmn:endEvent>');
  lines.push(`    <bpmn:sequenceFlow id="Flow_Start_Task_1" sourceRef="StartEvent_1" targetRef="${app.tasks[0].id}" />`);
  lines.push('  </bpmn:process>');
  lines.push(...diagramXml(app));
  lines.push('</bpmn:definitions>');
  return lines.join('\n') + '\n';
}

/**
 * The diagram part (BPMNDI) Studio writes into every process.bpmn: where each shape sits and how each
 * flow runs, laid out left to right. Without it a BPMN viewer has nothing to draw.
 * Altinn/app-lib-dotnet test/Altinn.App.Api.Tests/Data/apps/tdd/contributer-restriction/config/process/process.bpmn
 * (bpmndi:BPMNDiagram); docs/altinn-behaviour.md §1.1.
 */
function diagramXml(app: AppDef): string[] {
  const y = 120;
  const shapes: { id: string; x: number; w: number; h: number }[] = [{ id: 'StartEvent_1', x: 150, w: 36, h: 36 }];
  app.tasks.forEach((t, i) => shapes.push({ id: t.id, x: 260 + i * 180, w: 100, h: 80 }));
  shapes.push({ id: 'EndEvent_1', x: 260 + app.tasks.length * 180, w: 36, h: 36 });
  const at = new Map(shapes.map((s) => [s.id, s]));
  const lines = ['  <bpmndi:BPMNDiagram id="BPMNDiagram_1">', `    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${app.app}">`];
  for (const s of shapes) {
    lines.push(`      <bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}">`);
    lines.push(`        <dc:Bounds x="${s.x}" y="${y - s.h / 2}" width="${s.w}" height="${s.h}" />`);
    lines.push('      </bpmndi:BPMNShape>');
  }
  const edge = (id: string, from: string, to: string, back = false) => {
    const a = at.get(from)!;
    const b = at.get(to)!;
    lines.push(`      <bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}">`);
    if (back) {
      // A reject flow runs back under the tasks.
      const low = y + 40 + 30;
      for (const [px, py] of [[a.x + a.w / 2, y + 40], [a.x + a.w / 2, low], [b.x + b.w / 2, low], [b.x + b.w / 2, y + 40]]) {
        lines.push(`        <di:waypoint x="${px}" y="${py}" />`);
      }
    } else {
      lines.push(`        <di:waypoint x="${a.x + a.w}" y="${y}" />`, `        <di:waypoint x="${b.x}" y="${y}" />`);
    }
    lines.push('      </bpmndi:BPMNEdge>');
  };
  edge('Flow_Start_Task_1', 'StartEvent_1', app.tasks[0].id);
  app.tasks.forEach((task, i) => {
    const next = app.tasks[i + 1]?.id ?? 'EndEvent_1';
    edge(`Flow_${task.id}_${next}`, task.id, next);
    if (task.actions.includes('reject') && i > 0) edge(`Flow_${task.id}_reject_${app.tasks[i - 1].id}`, task.id, app.tasks[i - 1].id, true);
  });
  lines.push('    </bpmndi:BPMNPlane>', '  </bpmndi:BPMNDiagram>');
  return lines;
}

/** Text resources of an app in one language, or undefined if the app has none in it. */
export function textResource(app: AppDef, language: string): Record<string, unknown> | undefined {
  const texts = app.texts[language];
  if (!texts) return undefined;
  return {
    id: `${app.org}-${app.app}-${language}`,
    org: app.org,
    language,
    resources: Object.entries(texts).map(([id, value]) => ({ id, value, variables: null })),
  };
}
