export {
  type DeletionStatus,
  getDeletionStatus,
  handleDataDeletion,
  handleDeauthorize,
  type MetaApp,
} from './service.ts';
