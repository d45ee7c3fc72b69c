// The entry of dist/vendor/cometd.cjs: the official CometD client ships as ES modules only, which
// Jest cannot require on Node < 24.9; esbuild bundles it as CommonJS, with the Node transports of
// cometd-nodejs-client (see cometd-window.mjs), so that gws-sim's test harness loads in any test
// runner.
export { CometD } from 'cometd';
