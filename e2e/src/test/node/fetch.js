'use strict';
// Reads one partition with kafkajs's own Fetch request and decoder, for ReplicationTest.
//
//   node fetch.js --brokers HOST:PORT[,HOST:PORT...] --topic TOPIC --partition P
//
// kafkajs's consumer always joins a consumer group, so this goes one level down: the cluster object
// kafkajs builds for its producer and consumer (2.2.4 keeps its factory behind a symbol) finds the
// partition's leader from Metadata, and that broker is asked with Fetch (read_uncommitted) from offset 0
// until the high watermark of its first answer is reached. Output on stdout, one fact per line:
//   record OFFSET KEY VALUE        (KEY is "null" for a null key; key and value as UTF-8)
//   end PARTITION HIGH_WATERMARK
// Logs go to stderr. Exit code 0 only if every offset below that high watermark came back, in order, once.
const { Kafka, logLevel } = require('kafkajs');
const { parseArgs, stderrLogger } = require('./args');

const READ_UNCOMMITTED = 0;
const DEADLINE_MS = 60000;

function clusterOf(kafka) {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (symbol === undefined) {
    throw new Error('this kafkajs has no cluster factory where 2.2.4 keeps it; fetch.js needs updating');
  }
  return kafka[symbol]({ allowAutoTopicCreation: false });
}

async function main() {
  const args = parseArgs(process.argv, ['brokers', 'topic', 'partition']);
  const topic = args.topic;
  const partition = Number(args.partition);
  const kafka = new Kafka({
    clientId: 'tributary-e2e-kafkajs-fetch',
    brokers: args.brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: stderrLogger,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { retries: 5 },
  });
  const cluster = clusterOf(kafka);
  await cluster.connect();
  try {
    await cluster.addTargetTopic(topic);
    const metadata = cluster.findTopicPartitionMetadata(topic).find((p) => p.partitionId === partition);
    if (metadata === undefined || metadata.leader < 0) {
      throw new Error(`no leader for ${topic}-${partition} in kafkajs's metadata`);
    }
    const leader = await cluster.findBroker({ nodeId: String(metadata.leader) });
    const deadline = Date.now() + DEADLINE_MS;
    let next = 0;
    let high = null;
    while (high === null || next < high) {
      if (Date.now() > deadline) {
        throw new Error(`read up to offset ${next} of ${topic}-${partition} but not to ${high} within ${DEADLINE_MS} ms`);
      }
      const response = await leader.fetch({
        replicaId: -1,
        isolationLevel: READ_UNCOMMITTED,
        maxWaitTime: 500,
        minBytes: 1,
        maxBytes: 1048576,
        topics: [{ topic, partitions: [{ partition, fetchOffset: String(next), maxBytes: 1048576 }] }],
      });
      const answer = response.responses[0].partitions[0];
      if (answer.errorCode !== 0) {
        throw new Error(`Fetch of ${topic}-${partition} at ${next} failed with error code ${answer.errorCode}`);
      }
      if (high === null) {
        high = Number(answer.highWatermark);
      }
      for (const message of answer.messages) {
        const offset = Number(message.offset);
        if (offset < next || message.isControlRecord) {
          continue; // a batch is returned whole, from its first record
        }
        if (offset >= high) {
          break; // written after the first answer: not part of what this read promised
        }
        if (offset !== next) {
          throw new Error(`expected offset ${next}, got ${offset}`);
        }
        const key = message.key === null ? 'null' : message.key.toString('utf8');
        process.stdout.write(`record ${offset} ${key} ${message.value.toString('utf8')}\n`);
        next = offset + 1;
      }
    }
    process.stdout.write(`end ${partition} ${high}\n`);
  } finally {
    await cluster.disconnect();
  }
}

main().catch((error) => {
  process.stderr.write(`fetch.js failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
