import { Effect, Schema } from "effect"

/**
 * Small builders for scenario fields: a finite number with bounds, a unit and a
 * description, and a default used when the file leaves the key out. The bounds
 * become JSON Schema `minimum`/`maximum`, the description its `description`.
 */
export interface NumberField {
  readonly min?: number
  readonly max?: number
  readonly exclusiveMin?: boolean
  readonly int?: boolean
  readonly description: string
}

export const number = (field: NumberField) => {
  let schema: Schema.Codec<number> = Schema.Finite
  if (field.int === true) schema = schema.check(Schema.isInt())
  if (field.min !== undefined && field.max !== undefined) {
    schema = schema.check(Schema.isBetween({ minimum: field.min, maximum: field.max, exclusiveMinimum: field.exclusiveMin }))
  } else if (field.min !== undefined) {
    schema = schema.check(field.exclusiveMin === true ? Schema.isGreaterThan(field.min) : Schema.isGreaterThanOrEqualTo(field.min))
  } else if (field.max !== undefined) {
    schema = schema.check(Schema.isLessThanOrEqualTo(field.max))
  }
  return schema.annotate({ description: field.description })
}

/** A key that may be left out; decoding fills `value`. */
export const withDefault = <S extends Schema.Top & { readonly DecodingServices: never }>(
  schema: S,
  value: S["Encoded"],
): Schema.withDecodingDefaultKey<S> => schema.pipe(Schema.withDecodingDefaultKey(Effect.succeed(value)))

export const defaulted = (field: NumberField & { readonly default: number }) => withDefault(number(field), field.default)

export const share = (description: string, value: number) =>
  defaulted({ min: 0, max: 1, description, default: value })

export const nonNegative = (description: string, value: number) =>
  defaulted({ min: 0, description, default: value })

export const positive = (description: string, value: number) =>
  defaulted({ min: 0, exclusiveMin: true, description, default: value })

export const count = (description: string, value: number, max: number, min = 0) =>
  defaulted({ min, max, int: true, description, default: value })
