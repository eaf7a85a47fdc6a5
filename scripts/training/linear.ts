// Sparse linear models trained with AdaGrad SGD: one-vs-rest logistic heads for the categories
// and a softmax for severity. Deterministic: the only randomness is the seeded shuffle.

export interface SparseExample {
  /** Hashed feature ids (as from lib/analysis/features.ts). */
  ids: readonly number[];
  /** Value of each id, same length as ids. */
  values: readonly number[];
}

/** Mulberry32: small, fast and reproducible across platforms. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

export interface DenseModel {
  /** Hashed feature id → row index in `weights`. */
  index: Map<number, number>;
  heads: number;
  /** Row-major [feature][head]. */
  weights: Float32Array;
  biases: Float64Array;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Features seen in fewer training examples than this are dropped (noise, and model size). */
  minCount: number;
}

function buildIndex(examples: readonly SparseExample[], minCount: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const example of examples) {
    for (const id of example.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const kept = [...counts.entries()]
    .filter(([, count]) => count >= minCount)
    .map(([id]) => id)
    .sort((left, right) => left - right);
  return new Map(kept.map((id, row) => [id, row]));
}

interface LocalExample {
  rows: Int32Array;
  values: Float32Array;
}

function localise(example: SparseExample, index: Map<number, number>): LocalExample {
  const rows: number[] = [];
  const values: number[] = [];
  example.ids.forEach((id, position) => {
    const row = index.get(id);
    if (row !== undefined) {
      rows.push(row);
      values.push(example.values[position] ?? 0);
    }
  });
  return { rows: Int32Array.from(rows), values: Float32Array.from(values) };
}

function scoreInto(model: DenseModel, example: LocalExample, scores: Float64Array): void {
  const { heads, weights, biases } = model;
  scores.set(biases);
  for (let position = 0; position < example.rows.length; position += 1) {
    const base = example.rows[position]! * heads;
    const value = example.values[position]!;
    for (let head = 0; head < heads; head += 1) scores[head]! += weights[base + head]! * value;
  }
}

/**
 * Gradient step shared by both losses: `gradients[head]` is d(loss)/d(score) for this example,
 * zero for heads that have nothing to learn from it.
 */
function applyGradients(
  model: DenseModel,
  squared: Float32Array,
  biasSquared: Float64Array,
  example: LocalExample,
  gradients: Float64Array,
  options: TrainOptions,
): void {
  const { heads, weights, biases } = model;
  for (let head = 0; head < heads; head += 1) {
    const gradient = gradients[head]!;
    if (gradient === 0) continue;
    biasSquared[head]! += gradient * gradient;
    biases[head]! -= (options.learningRate * gradient) / Math.sqrt(biasSquared[head]! + 1e-8);
  }
  for (let position = 0; position < example.rows.length; position += 1) {
    const base = example.rows[position]! * heads;
    const value = example.values[position]!;
    for (let head = 0; head < heads; head += 1) {
      const gradient = gradients[head]!;
      if (gradient === 0) continue;
      const cell = base + head;
      const step = gradient * value + options.l2 * weights[cell]!;
      squared[cell]! += step * step;
      weights[cell]! -= (options.learningRate * step) / Math.sqrt(squared[cell]! + 1e-8);
    }
  }
}

/**
 * One-vs-rest logistic regression. `labels[example][head]` is 1, 0, or -1 for "not judged"
 * (the example then teaches that head nothing); `positiveWeights[head]` rebalances rare classes.
 */
export function trainOneVsRest(
  examples: readonly SparseExample[],
  labels: readonly Int8Array[],
  positiveWeights: readonly number[],
  options: TrainOptions,
): DenseModel {
  const heads = positiveWeights.length;
  const index = buildIndex(examples, options.minCount);
  const model: DenseModel = {
    index,
    heads,
    weights: new Float32Array(index.size * heads),
    biases: new Float64Array(heads),
  };
  const squared = new Float32Array(model.weights.length);
  const biasSquared = new Float64Array(heads);
  const local = examples.map((example) => localise(example, index));
  const random = seededRandom(options.seed);
  const order = examples.map((_, position) => position);
  const scores = new Float64Array(heads);
  const gradients = new Float64Array(heads);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const position of shuffled(order, random)) {
      const example = local[position]!;
      const label = labels[position]!;
      scoreInto(model, example, scores);
      for (let head = 0; head < heads; head += 1) {
        const target = label[head]!;
        if (target < 0) {
          gradients[head] = 0;
          continue;
        }
        const probability = 1 / (1 + Math.exp(-scores[head]!));
        gradients[head] = (probability - target) * (target === 1 ? positiveWeights[head]! : 1);
      }
      applyGradients(model, squared, biasSquared, example, gradients, options);
    }
  }
  return model;
}

/**
 * Multinomial logistic regression over `classes` labels (class index per example); `weights`
 * scales each example's gradient (1 when absent).
 */
export function trainSoftmax(
  examples: readonly SparseExample[],
  targets: readonly number[],
  classes: number,
  options: TrainOptions,
  weights?: readonly number[],
): DenseModel {
  const index = buildIndex(examples, options.minCount);
  const model: DenseModel = {
    index,
    heads: classes,
    weights: new Float32Array(index.size * classes),
    biases: new Float64Array(classes),
  };
  const squared = new Float32Array(model.weights.length);
  const biasSquared = new Float64Array(classes);
  const local = examples.map((example) => localise(example, index));
  const random = seededRandom(options.seed);
  const order = examples.map((_, position) => position);
  const scores = new Float64Array(classes);
  const gradients = new Float64Array(classes);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const position of shuffled(order, random)) {
      const example = local[position]!;
      scoreInto(model, example, scores);
      const highest = Math.max(...scores);
      let total = 0;
      for (let head = 0; head < classes; head += 1) {
        gradients[head] = Math.exp(scores[head]! - highest);
        total += gradients[head]!;
      }
      const weight = weights?.[position] ?? 1;
      for (let head = 0; head < classes; head += 1) {
        gradients[head] =
          (gradients[head]! / total - (head === targets[position] ? 1 : 0)) * weight;
      }
      applyGradients(model, squared, biasSquared, example, gradients, options);
    }
  }
  return model;
}

/** Raw scores (logits) of every head for one example. */
export function scoreExample(model: DenseModel, example: SparseExample): Float64Array {
  const scores = new Float64Array(model.heads);
  scoreInto(model, localise(example, model.index), scores);
  return scores;
}

/** Examples packed once (compressed sparse rows) so every SVM head reads them without copying. */
export interface PackedExamples {
  rowStart: Int32Array;
  ids: Int32Array;
  values: Float64Array;
  /** Squared L2 norm of each example. */
  squaredNorms: Float64Array;
}

export function packExamples(examples: readonly SparseExample[]): PackedExamples {
  const total = examples.reduce((sum, example) => sum + example.ids.length, 0);
  const rowStart = new Int32Array(examples.length + 1);
  const ids = new Int32Array(total);
  const values = new Float64Array(total);
  const squaredNorms = new Float64Array(examples.length);
  let cursor = 0;
  examples.forEach((example, row) => {
    rowStart[row] = cursor;
    example.ids.forEach((id, position) => {
      const value = example.values[position] ?? 0;
      ids[cursor] = id;
      values[cursor] = value;
      squaredNorms[row]! += value * value;
      cursor += 1;
    });
  });
  rowStart[examples.length] = cursor;
  return { rowStart, ids, values, squaredNorms };
}

export interface SvmOptions {
  /** Stop when the projected-gradient spread falls below this (LIBLINEAR's default is 0.1). */
  tolerance: number;
  maxEpochs: number;
  seed: number;
}

export interface SvmHead {
  /** Dense weights over the hashed feature space. */
  weights: Float64Array;
  bias: number;
  epochs: number;
  /** The dual solution, one value per training example: a start for the same rows at a larger C. */
  alpha: Float64Array;
}

/**
 * L2-regularised squared-hinge linear SVM by dual coordinate descent (Hsieh et al. 2008, the
 * LIBLINEAR `-s 1` solver), with the bias as a regularised constant feature of value 1.
 * `costs[i]` is the per-example C (class balancing and source weights are folded into it).
 * `start` is a dual solution for the same rows, e.g. at a smaller C: the squared-hinge dual's only
 * constraint is alpha >= 0, so it is feasible at any cost, and the solver goes on from there
 * (LIBLINEAR's warm start when it searches C).
 */
export function trainSvm(
  packed: PackedExamples,
  rows: readonly number[],
  targets: Int8Array,
  costs: Float64Array,
  dimension: number,
  options: SvmOptions,
  start?: Float64Array,
): SvmHead {
  const weights = new Float64Array(dimension);
  let bias = 0;
  const count = rows.length;
  const alpha = start ? Float64Array.from(start) : new Float64Array(count);
  if (start) {
    rows.forEach((row, index) => {
      const delta = alpha[index]! * targets[index]!;
      if (delta === 0) return;
      for (let cursor = packed.rowStart[row]!; cursor < packed.rowStart[row + 1]!; cursor += 1) {
        weights[packed.ids[cursor]!]! += delta * packed.values[cursor]!;
      }
      bias += delta;
    });
  }
  const diagonal = Float64Array.from(costs, (cost) => 0.5 / cost);
  const curvature = Float64Array.from(
    rows,
    (row, index) => packed.squaredNorms[row]! + 1 + diagonal[index]!,
  );
  const order = Int32Array.from({ length: count }, (_, index) => index);
  const random = seededRandom(options.seed);
  // Shrinking (LIBLINEAR's): an example at alpha 0 whose gradient exceeds the largest projected
  // gradient of the previous pass is unlikely to move, so it leaves the active set until the
  // active set has converged; then every example is checked again before stopping. Most negatives
  // of a one-vs-rest head sit far outside the margin, so most passes touch a small share of them.
  let active = count;
  let ceiling = Number.POSITIVE_INFINITY;
  let epoch = 0;
  while (epoch < options.maxEpochs) {
    epoch += 1;
    for (let index = active - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      const swap = order[index]!;
      order[index] = order[other]!;
      order[other] = swap;
    }
    let highest = Number.NEGATIVE_INFINITY;
    let lowest = Number.POSITIVE_INFINITY;
    for (let step = 0; step < active; step += 1) {
      const index = order[step]!;
      const row = rows[index]!;
      const target = targets[index]!;
      const start = packed.rowStart[row]!;
      const end = packed.rowStart[row + 1]!;
      let margin = bias;
      for (let cursor = start; cursor < end; cursor += 1) {
        margin += weights[packed.ids[cursor]!]! * packed.values[cursor]!;
      }
      const gradient = target * margin - 1 + alpha[index]! * diagonal[index]!;
      if (alpha[index] === 0 && gradient > ceiling) {
        active -= 1;
        order[step] = order[active]!;
        order[active] = index;
        step -= 1;
        continue;
      }
      const projected = alpha[index] === 0 ? Math.min(gradient, 0) : gradient;
      if (projected > highest) highest = projected;
      if (projected < lowest) lowest = projected;
      if (projected === 0) continue;
      const previous = alpha[index]!;
      const next = Math.max(previous - gradient / curvature[index]!, 0);
      alpha[index] = next;
      const delta = (next - previous) * target;
      if (delta === 0) continue;
      for (let cursor = start; cursor < end; cursor += 1) {
        weights[packed.ids[cursor]!]! += delta * packed.values[cursor]!;
      }
      bias += delta;
    }
    if (highest - lowest < options.tolerance) {
      if (active === count) break;
      active = count;
      ceiling = Number.POSITIVE_INFINITY;
      continue;
    }
    ceiling = highest > 0 ? highest : Number.POSITIVE_INFINITY;
  }
  return { weights, bias, epochs: epoch, alpha };
}

export function svmScore(packed: PackedExamples, row: number, head: SvmHead): number {
  let score = head.bias;
  for (let cursor = packed.rowStart[row]!; cursor < packed.rowStart[row + 1]!; cursor += 1) {
    score += head.weights[packed.ids[cursor]!]! * packed.values[cursor]!;
  }
  return score;
}
