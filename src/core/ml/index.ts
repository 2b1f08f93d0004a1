/**
 * Public surface of the learning core (src/core/ml). Causal estimators and the CLI import from here.
 *
 * Learners: `Regressor` / `Classifier` (see learners.ts) — fit(X, n, p, y, w?) then predict / predictProba on
 * row-major Float64Array matrices (NaN = missing for GBDT). Factories: `linearRegressor`,
 * `logisticClassifier`, `gbdtRegressor`, `gbdtClassifier` (call a factory once per fold).
 */
export * from './learners.js';
export { fitOls, fitLogistic, linearPredict, sigmoid } from './linear.js';
export type { OlsFit, OlsOptions, LogisticFit, LogisticOptions } from './linear.js';
export { trainGbdt, predictGbdt, predictGbdtRaw, DEFAULT_GBDT_PARAMS } from './gbdt.js';
export type { GbdtModel, GbdtParams, GbdtTrainOptions } from './gbdt.js';
export { gbdtToJson, gbdtFromJson } from './gbdt-io.js';
export { treeShap, expectedValue, meanAbsShap, gainImportance } from './treeshap.js';
export { auc, logLoss, brier, calibrationError, ksStatistic, liftTable, stratifiedFolds } from './metrics.js';
export { fitIsotonic, fitPlatt } from './calibration.js';
export type { Calibrator } from './calibration.js';
export { kaplanMeier, fitCox, psi } from './survival.js';
export type { KaplanMeier, CoxFit } from './survival.js';
