#!/usr/bin/env node
// `allocate …` is exactly `fairshare allocate …`.
import { run } from '../dist/cli/bin.js';

await run(['allocate']);
