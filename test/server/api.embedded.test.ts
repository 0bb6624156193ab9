import { defineApiSuite } from './api-suite.js';
import { startHarness } from './harness.js';

defineApiSuite('embedded', (env) => startHarness({ mode: 'embedded', env }), null);
