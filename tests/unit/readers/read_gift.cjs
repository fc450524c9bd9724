// Parse a GIFT file with the third-party gift-pegjs parser and print its questions as JSON.
// Used by tests/unit/test_exports.py to read the GIFT export back independently.
const { readFileSync } = require("node:fs");
const { parse } = require("gift-pegjs");

const [, , path] = process.argv;
process.stdout.write(JSON.stringify(parse(readFileSync(path, "utf8"))));
