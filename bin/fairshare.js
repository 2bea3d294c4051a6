#!/usr/bin/env node
import { run } from '../dist/bundle/bin.js';

await run();
