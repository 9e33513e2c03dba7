'use strict';
// Consumes a topic to its end with a kafkajs consumer group, for GroupClientsTest.
//
//   node consume-group.js --brokers HOST:PORT[,HOST:PORT...] --topic TOPIC --group GROUP --members N
//
// The end of each partition is its high watermark when the script starts (the test writes every record
// first). N kafkajs consumers join GROUP in this process; each commits, after every batch it is handed,
// the offset after that batch's last record (autoCommit off, so the commit is explicit and awaited
// before the next batch). Once every partition's commit has reached its end, the members leave, and
// kafkajs's admin client fetches the group's committed offsets back. Output on stdout, one fact per line:
//   record MEMBER PARTITION OFFSET VALUE
//   committed PARTITION OFFSET      (what OffsetFetch answers after the members left)
// Logs go to stderr. Exit code 0 only if every partition was committed to its end within the deadline.
const { Kafka, logLevel } = require('kafkajs');
const { parseArgs, stderrLogger } = require('./args');

const DEADLINE_MS = 90000;

async function main() {
  const args = parseArgs(process.argv, ['brokers', 'topic', 'group', 'members']);
  const { topic, group } = args;
  const kafka = new Kafka({
    clientId: 'tributary-e2e-kafkajs-group',
    brokers: args.brokers.split(','),
    logLevel: logLevel.WARN,
    logCreator: stderrLogger,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { retries: 8 },
  });
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map();
  for (const p of await admin.fetchTopicOffsets(topic)) {
    ends.set(p.partition, Number(p.high));
  }
  const committed = new Map();
  const allCommitted = () => [...ends].every(([p, end]) => (committed.get(p) || 0) >= end);
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  if (allCommitted()) {
    finish();
  }

  const consumers = [];
  for (let m = 0; m < Number(args.members); m++) {
    const name = `member${m}`;
    const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 500, maxWaitTimeInMs: 500 });
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      process.stderr.write(`${name} joined ${e.payload.groupId} as ${e.payload.memberId}, leader ${e.payload.leaderId}, `
        + `assigned ${JSON.stringify(e.payload.memberAssignment)}\n`);
    });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        let next = null;
        for (const message of batch.messages) {
          process.stdout.write(`record ${name} ${batch.partition} ${message.offset} ${message.value.toString('utf8')}\n`);
          next = Number(message.offset) + 1;
        }
        if (next === null) {
          return;
        }
        await consumer.commitOffsets([{ topic, partition: batch.partition, offset: String(next) }]);
        committed.set(batch.partition, Math.max(committed.get(batch.partition) || 0, next));
        if (allCommitted()) {
          finish();
        }
      },
    });
  }

  let timer;
  const deadline = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not every partition was committed to its end ${JSON.stringify([...ends])} `
      + `within ${DEADLINE_MS} ms; committed ${JSON.stringify([...committed])}`)), DEADLINE_MS);
  });
  try {
    await Promise.race([done, deadline]);
  } finally {
    clearTimeout(timer);
    await Promise.all(consumers.map((c) => c.disconnect()));
  }
  const fetched = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  for (const p of fetched[0].partitions) {
    process.stdout.write(`committed ${p.partition} ${p.offset}\n`);
  }
  await admin.disconnect();
}

main().catch((error) => {
  process.stderr.write(`consume-group.js failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
