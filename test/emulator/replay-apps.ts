// The recorded apps (recordings/apps/, copied from app-lib-dotnet's test apps) as emulator apps.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type AppDef, CURRENT_APP_LIB, type DataTypeDef, type FormModelDef, type TaskDef, type TaskType } from './apps';

/** Finds test/emulator/recordings from the compiled test (out/test/emulator) or the repository root. */
export function recordingsDir(): string {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let i = 0; i < 6; i++) {
      const candidate = path.join(dir, 'test', 'emulator', 'recordings');
      if (existsSync(path.join(candidate, 'README.md'))) return candidate;
      dir = path.dirname(dir);
    }
  }
  throw new Error('test/emulator/recordings not found');
}

interface MetadataDataType {
  id: string;
  allowedContentTypes?: string[] | null;
  taskId?: string | null;
  maxSize?: number | null;
  maxCount?: number;
  minCount?: number;
  appLogic?: { classRef?: string } | null;
}

interface Metadata {
  id: string;
  org: string;
  title?: Record<string, string>;
  dataTypes: MetadataDataType[];
  partyTypesAllowed?: AppDef['partyTypesAllowed'];
}

interface ModelFile { dataType: string; root: string; classRef: string; fields: string[] }

const ACTIONS_BY_TYPE: Record<TaskType, string[]> = { data: ['write'], confirmation: ['confirm'], signing: ['sign', 'reject'] };

/** Tasks in document order with their Altinn task type and `<altinn:action>`s (BPMN extension elements). */
function tasksOf(bpmn: string): TaskDef[] {
  const tasks: TaskDef[] = [];
  for (const m of bpmn.matchAll(/<bpmn:task id="([^"]+)" name="([^"]*)">([\s\S]*?)<\/bpmn:task>/g)) {
    const type = /<altinn:taskType>([a-z]+)<\/altinn:taskType>/.exec(m[3])?.[1] as TaskType | undefined;
    if (!type || !(type in ACTIONS_BY_TYPE)) throw new Error(`task ${m[1]}: unsupported task type ${type}`);
    const declared = [...m[3].matchAll(/<altinn:action>([^<]+)<\/altinn:action>/g)].map((a) => a[1]);
    tasks.push({ id: m[1], name: m[2], type, actions: [...new Set([...ACTIONS_BY_TYPE[type], ...declared])] });
  }
  return tasks;
}

function dataTypeOf(d: MetadataDataType): DataTypeDef {
  // Storage's DataType defaults (Altinn/altinn-storage src/Storage.Interface/Models/DataType.cs): maxCount 1, minCount 1.
  return {
    id: d.id, allowedContentTypes: d.allowedContentTypes ?? null, taskId: d.taskId ?? null, maxSize: d.maxSize ?? null,
    maxCount: d.maxCount ?? 1, minCount: d.minCount ?? 1, ...(d.appLogic?.classRef ? { classRef: d.appLogic.classRef } : {}),
  };
}

function read(dir: string, scenario: string | undefined, file: string): string {
  const overlay = scenario ? path.join(dir, 'scenarios', scenario, file) : undefined;
  return readFileSync(overlay && existsSync(overlay) ? overlay : path.join(dir, file), 'utf8');
}

/**
 * One recorded app: `applicationmetadata.json` and `process.bpmn` as Altinn's test app has them,
 * `models.json` our summary of its model class; a scenario folder overlays files, as app-lib's
 * integration tests overlay `_scenarios/<name>` on the app.
 */
export function loadRecordedApp(folder: string, scenario?: string): AppDef {
  const dir = path.join(recordingsDir(), 'apps', folder);
  const meta = JSON.parse(read(dir, scenario, 'applicationmetadata.json')) as Metadata;
  const models = JSON.parse(read(dir, scenario, 'models.json')) as ModelFile[];
  const title = meta.title ?? { nb: meta.id };
  return {
    id: meta.id,
    org: meta.org,
    app: meta.id.split('/')[1],
    // The recordings were made by app-lib at the commit recordings/README.md names (tag v8.12.7).
    altinnNugetVersion: CURRENT_APP_LIB,
    title,
    dataTypes: meta.dataTypes.map(dataTypeOf),
    models: models.map((m): FormModelDef => ({
      dataType: m.dataType, root: m.root, classRef: m.classRef, fields: m.fields.map((name) => ({ name, type: 'string' })),
    })),
    tasks: tasksOf(read(dir, scenario, 'process.bpmn')),
    partyTypesAllowed: meta.partyTypesAllowed ?? { bankruptcyEstate: false, organisation: false, person: false, subUnit: false },
    texts: { nb: { appName: title.nb ?? meta.id } },
  };
}
