/**
 * Scales a vector to unit length in place. pgvector's cosine distance is undefined for a zero vector, so an empty
 * text gets a fixed unit vector instead.
 */
export function normaliseVector(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  for (let index = 0; index < vector.length; index += 1) vector[index]! /= norm;
  return vector;
}
