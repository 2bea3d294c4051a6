#!/usr/bin/env node
// `allocate …` is exactly `fairshare allocate …`.
import { run } from '../dist/bundle/bin.js';

await run(['allocate']);
