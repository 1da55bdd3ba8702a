#!/usr/bin/env node
// npm run build: the renderer bundle (served by both hosts).
import { buildRenderer } from './build-renderer.mjs';

process.exit(buildRenderer({ force: true }) ? 0 : 1);
