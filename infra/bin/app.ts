import { App } from 'aws-cdk-lib';
import { stageConfig } from '../config.js';
import { createStage } from '../stage.js';

// Env-agnostic on purpose: no account/region lookups, so `cdk synth` works offline and in CI.
const app = new App();
createStage(app, stageConfig(app.node.tryGetContext('stage')));
