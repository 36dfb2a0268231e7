// node-postgres (npm's pg) against rollcall serve: SCRAM-SHA-256 over TLS, a simple query and one with a parameter
// (the extended protocol); prints what it read as one JSON object. Usage: node node-pg-query.js PORT (PGPASSWORD set).
const { Client } = require('pg');

(async () => {
  const client = new Client({
    host: '127.0.0.1', port: Number(process.argv[2]), user: 'node', password: process.env.PGPASSWORD,
    database: 'rollcall', application_name: 'node-pg-check', ssl: { rejectUnauthorized: false },
  });
  await client.connect();
  const simple = await client.query('select school_name, chronic_rate from chronic_absence_by_school order by 1, 2');
  const param = await client.query({ text: 'select count(*) as n from students where student_id > $1', values: [0] });
  const tls = client.connection.stream.encrypted === true;
  console.log(JSON.stringify({ fields: simple.fields.map(f => f.name), rows: simple.rows, param: param.rows, tls }));
  await client.end();
})().catch(e => { console.error((e.code || '') + ' ' + e.message); process.exit(1); });
