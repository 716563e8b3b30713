export { catalog, type JobName, type JobPayload, type QueueName } from './catalog.ts';
export { createQueues, enqueue, type Queues } from './queues.ts';
export { type RunningWorkers, startWorkers } from './start.ts';
