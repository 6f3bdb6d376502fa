/**
 * fast-check arbitraries of JSON values that are, or are nearly, JSON-RPC messages: every member
 * a message may have, each either well-formed or of a wrong type, present or absent.
 */
import * as fc from 'fast-check';

/** Any JSON value, small. */
export const jsonValue = fc.jsonValue({ maxDepth: 2 });

/** Text of every kind: ASCII, any code point (astral and lone surrogates included), graphemes. */
export const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

/** An `id` member's value: valid (string, integer) or not (null, fraction, boolean, object…). */
export const idValue = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

const objectValue = fc.dictionary(fc.string({ maxLength: 6 }), jsonValue, { maxKeys: 3 });

/** A value that is an object most of the time, anything else sometimes. */
const mostlyObject = fc.oneof({ weight: 4, arbitrary: objectValue }, { weight: 1, arbitrary: jsonValue });

const errorObject = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record(
      {
        code: fc.oneof(
          fc.integer({ min: -32768, max: 32767 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.string({ maxLength: 3 }),
        ),
        message: fc.oneof(fc.string(), fc.integer()),
        data: jsonValue,
      },
      { requiredKeys: ['code', 'message'] },
    ),
  },
  { weight: 1, arbitrary: jsonValue },
);

/** An object with any subset of a message's members, each well- or ill-typed. */
export const nearMessage = fc.record(
  {
    jsonrpc: fc.oneof(
      { weight: 6, arbitrary: fc.constant('2.0') },
      { weight: 1, arbitrary: fc.constantFrom('1.0', 2, '2', null) },
    ),
    id: idValue,
    method: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.constantFrom(
          'known',
          'ping',
          'unknown/method',
          'notifications/cancelled',
          'notifications/progress',
        ),
      },
      { weight: 1, arbitrary: jsonValue },
    ),
    params: mostlyObject,
    result: mostlyObject,
    error: errorObject,
    extra: jsonValue,
  },
  { requiredKeys: [] },
);

/** Any JSON value, biased towards (near-)messages; batches of them too. */
export const anyJson = fc.oneof(
  { weight: 6, arbitrary: nearMessage },
  { weight: 2, arbitrary: jsonValue },
  { weight: 1, arbitrary: fc.array(nearMessage, { maxLength: 3 }) },
);

/** Text that is sometimes JSON: a JSON value's text, that text cut or mutated, or any text. */
export const anyFrameText = fc.oneof(
  { weight: 4, arbitrary: anyJson.map((value) => JSON.stringify(value)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        anyJson.map((value) => JSON.stringify(value)),
        fc.nat(),
        anyText,
      )
      .map(([text, at, inserted]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + inserted + text.slice(cut + (at % 3));
      }),
  },
  { weight: 1, arbitrary: anyText },
);
