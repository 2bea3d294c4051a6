#!/usr/bin/env node
import { run } from '../dist/cli/bin.js';

await run();
