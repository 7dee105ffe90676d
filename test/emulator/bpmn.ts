import type { AppDef } from './apps';

/** BPMN 2.0 process definition of an app, shaped like Altinn Studio's `process.bpmn` (docs/altinn-behaviour.md §1.1). */
export function processDefinitionXml(app: AppDef): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"',
    '  xmlns:altinn="http://altinn.no/process" id="Altinn_SingleDataTask_Process_Definition"',
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
  lines.push('</bpmn:definitions>');
  return lines.join('\n') + '\n';
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
