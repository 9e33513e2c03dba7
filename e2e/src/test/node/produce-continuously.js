'use strict';
// Writes to every partition of a topic with kafkajs until its standard input closes, reporting every
// acknowledgement, for FailoverTest (a leader's broker is killed, stopped or paused meanwhile).
//
//   node produce-continuously.js --brokers HOST:PORT[,...] --topic TOPIC --partitions N
//                                --acks -1|1 --idempotent true|false --batch N --pause-ms MS
//
// Each partition has a loop of its own, so a partition whose leader is gone does not hold up the
// others: it sends --batch records, waits for their answer, pauses --pause-ms (pacing, so three
// clients share two cores) and sends the next batch. Record SEQ of
// partition P has the value "kafkajs-P-SEQ" (no key), so that a duplicate or a reordering is visible
// in the log. Output on stdout, one fact per line, written as it happens:
//   ack PARTITION BASE_OFFSET COUNT FIRST_SEQ SENT_EPOCH_MS
//   error PARTITION FIRST_SEQ COUNT RETRIABLE NAME: MESSAGE   (a send kafkajs gave up on)
//   done SENT_TOTAL
// kafkajs's own log (every retried failure) goes to stderr. When standard input closes, each loop
// finishes the batch it has in flight and the script disconnects and exits: 0 if no send failed.
// Every message names its partition, so kafkajs's notice about its default partitioner is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');
const { parseArgs, stderrLogger } = require('./args');

let running = true;

async function partitionLoop(producer, args, partition) {
  const batch = Number(args.batch);
  const acks = Number(args.acks);
  const pauseMs = Number(args['pause-ms']);
  let seq = 0;
  let failed = 0;
  while (running) {
    const messages = [];
    for (let i = 0; i < batch; i++) {
      messages.push({ partition, value: `kafkajs-${partition}-${seq + i}` });
    }
    const sentMs = Date.now();
    try {
      const results = await producer.send({ topic: args.topic, acks, messages });
      for (const r of results) {
        if (r.errorCode !== 0) {
          throw new Error(`produce to ${r.topicName}-${r.partition} answered error code ${r.errorCode}`);
        }
        process.stdout.write(`ack ${r.partition} ${r.baseOffset} ${messages.length} ${seq} ${sentMs}\n`);
      }
    } catch (error) {
      // kafkajs retries what it can retry (args below) before this; what reaches here is final.
      failed++;
      const retriable = Boolean(error && error.retriable);
      const text = `${error && error.name}: ${error && error.message}`.replace(/\n/g, ' ');
      process.stdout.write(`error ${partition} ${seq} ${batch} ${retriable} ${text}\n`);
    }
    seq += batch;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return { sent: seq, failed };
}

// connect() asks for a producer id (InitProducerId) once and does not retry it: on a loaded machine
// that request can time out, so a retriable failure here is retried a bounded number of times.
const CONNECT_ATTEMPTS_MAX = 10;
const CONNECT_RETRY_PAUSE_MS = 500;

async function connectWithRetries(producer) {
  for (let attempt = 1; ; attempt++) {
    try {
      await producer.connect();
      return;
    } catch (error) {
      if (!(error && error.retriable) || attempt >= CONNECT_ATTEMPTS_MAX) {
        throw error;
      }
      process.stderr.write(`connect attempt ${attempt} of ${CONNECT_ATTEMPTS_MAX} failed, retrying: ${error.name}: ${error.message}\n`);
      await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_PAUSE_MS));
    }
  }
}

async function main() {
  const args = parseArgs(process.argv, ['brokers', 'topic', 'partitions', 'acks', 'idempotent', 'batch', 'pause-ms']);
  const idempotent = args.idempotent === 'true';
  const kafka = new Kafka({
    clientId: 'tributary-e2e-kafkajs-failover',
    brokers: args.brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: stderrLogger,
    connectionTimeout: 3000,
    // As the Java producer in FailoverTest: a request stuck on a paused leader is retried elsewhere
    // after 5 s, not kafkajs's default 30 s.
    requestTimeout: 5000,
    // Enough retries, each at most 1 s apart, to ride out a failover that takes several seconds
    // (a SIGSTOP held past the broker session timeout) without giving up.
    retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1000 },
  });
  const producer = kafka.producer({
    idempotent,
    // kafkajs requires at most one request in flight for idempotence.
    maxInFlightRequests: idempotent ? 1 : 5,
    allowAutoTopicCreation: false,
    // kafkajs asks for new metadata after a send fails with a leadership or connection error, but
    // not after a request timeout: a leader that is paused (its connection open, never answering)
    // would be retried until the metadata ages out, 5 minutes by default, or the old leader resumes
    // and answers NOT_LEADER_OR_FOLLOWER. Each send starts with a refresh of metadata older than
    // this, so a send retried after a timeout goes to the new leader.
    metadataMaxAge: 1000,
  });
  await connectWithRetries(producer);
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => {
    running = false;
  });
  process.stdin.on('error', () => {
    running = false;
  });
  let sent = 0;
  let failed = 0;
  try {
    const loops = [];
    for (let p = 0; p < Number(args.partitions); p++) {
      loops.push(partitionLoop(producer, args, p));
    }
    for (const outcome of await Promise.all(loops)) {
      sent += outcome.sent;
      failed += outcome.failed;
    }
  } finally {
    await producer.disconnect();
  }
  process.stdout.write(`done ${sent}\n`);
  process.exitCode = failed === 0 ? 0 : 1;
  // Standard input may still be open (the test closes it to stop us): do not wait for it.
  process.stdin.destroy();
}

main().catch((error) => {
  process.stderr.write(`produce-continuously.js failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
