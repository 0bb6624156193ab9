import { skipUnless } from '../helpers/services.js';
import { defineApiSuite } from './api-suite.js';
import { startHarness } from './harness.js';

const skip = await skipUnless('API (postgres-bullmq)', ['redis', 'postgres']);
defineApiSuite('postgres-bullmq', (env) => startHarness({ mode: 'postgres-bullmq', env }), skip);
