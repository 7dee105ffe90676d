import type { CommandSpec } from '../args';
import { apps } from './apps';
import { login, logout, whoami } from './auth';
import { dataGet, dataPut, dataUpload } from './data';
import { envAdd, envList, envRemove } from './env';
import { exportCommand } from './export';
import { instanceComplete, instances, instanceShow } from './instances';
import { processNext } from './process';

/** Every command, in the order help lists them. */
export const COMMANDS: CommandSpec[] = [
  envList,
  envAdd,
  envRemove,
  login,
  logout,
  whoami,
  apps,
  instances,
  instanceShow,
  instanceComplete,
  dataGet,
  dataPut,
  dataUpload,
  processNext,
  exportCommand,
];
