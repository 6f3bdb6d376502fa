#!/usr/bin/env node
/**
 * @module
 * The `rxmcp` executable.
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
