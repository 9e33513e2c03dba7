'use strict';
// Produces records with kafkajs and reports what the broker acknowledged, for KafkajsProducerTest.
//
//   node produce.js --brokers HOST:PORT --topic TOPIC --count N --idempotent true|false
//                   --compression none|gzip --base-timestamp MS
//
// Record i (partition 0) has key "kafkajs-key-i" (null when i % 7 == 3), value "kafkajs value i",
// headers seq=i and origin=kafkajs, and timestamp base+i. It sends them in batches of 25 with
// acks=-1, then asks for the partition's offsets with the admin client (ListOffsets, which needs no
// consumer group). Output on stdout, one fact per line:
//   ack PARTITION BASE_OFFSET COUNT
//   offsets PARTITION LOW HIGH
// Logs go to stderr. Exit code 0 only if every send was acknowledged.
// Every message names its partition, so kafkajs's notice about its default partitioner is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, CompressionTypes, logLevel } = require('kafkajs');
const { parseArgs, stderrLogger } = require('./args');

const BATCH_SIZE = 25;
const COMPRESSION = { none: CompressionTypes.None, gzip: CompressionTypes.GZIP };

async function main() {
  const args = parseArgs(process.argv, ['brokers', 'topic', 'count', 'idempotent', 'compression', 'base-timestamp']);
  const count = Number(args.count);
  const idempotent = args.idempotent === 'true';
  const baseTimestamp = Number(args['base-timestamp']);
  if (!(args.compression in COMPRESSION)) {
    throw new Error(`kafkajs ships only ${Object.keys(COMPRESSION)}; got ${args.compression}`);
  }
  const kafka = new Kafka({
    clientId: 'tributary-e2e-kafkajs',
    brokers: args.brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: stderrLogger,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { retries: 5 },
  });
  const producer = kafka.producer({
    idempotent,
    // kafkajs requires at most one request in flight for idempotence.
    maxInFlightRequests: idempotent ? 1 : 5,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    for (let start = 0; start < count; start += BATCH_SIZE) {
      const messages = [];
      for (let i = start; i < Math.min(count, start + BATCH_SIZE); i++) {
        messages.push({
          partition: 0,
          key: i % 7 === 3 ? null : `kafkajs-key-${i}`,
          value: `kafkajs value ${i}`,
          headers: { seq: String(i), origin: 'kafkajs' },
          timestamp: String(baseTimestamp + i),
        });
      }
      const results = await producer.send({
        topic: args.topic,
        acks: -1,
        compression: COMPRESSION[args.compression],
        messages,
      });
      for (const r of results) {
        if (r.errorCode !== 0) {
          throw new Error(`produce to ${r.topicName}-${r.partition} failed with error code ${r.errorCode}`);
        }
        process.stdout.write(`ack ${r.partition} ${r.baseOffset} ${messages.length}\n`);
      }
    }
  } finally {
    await producer.disconnect();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const o of await admin.fetchTopicOffsets(args.topic)) {
      process.stdout.write(`offsets ${o.partition} ${o.low} ${o.high}\n`);
    }
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`produce.js failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
