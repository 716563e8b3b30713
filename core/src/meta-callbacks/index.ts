export { type ErasuresRun, type RunErasuresOptions, runDataErasures } from './run-erasures.ts';
export {
  type DeletionStatus,
  getDeletionStatus,
  handleDataDeletion,
  handleDeauthorize,
  type MetaApp,
} from './service.ts';
