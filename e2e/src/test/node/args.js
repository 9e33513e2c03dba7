'use strict';
// What every script here shares: its command line and where kafkajs's own log goes.

// Parses `--name value` pairs; throws, naming the argument, on a malformed or missing one.
function parseArgs(argv, required) {
  const args = {};
  for (let i = 2; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`bad argument ${argv[i]}`);
    }
    args[argv[i].slice(2)] = argv[i + 1];
  }
  for (const name of required) {
    if (args[name] === undefined) {
      throw new Error(`missing --${name}`);
    }
  }
  return args;
}

// A kafkajs logCreator that writes each line to stderr, so that stdout carries only the script's facts.
function stderrLogger() {
  return ({ namespace, label, log }) => {
    process.stderr.write(`${label} [${namespace}] ${log.message} ${JSON.stringify(log)}\n`);
  };
}

module.exports = { parseArgs, stderrLogger };
