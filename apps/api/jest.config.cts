module.exports = {
  displayName: 'api',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Unit specs beside the code; the integration specs in test/ have their own config.
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    // @fastify/static 10 depends on content-disposition 3, published as ES modules only: compiled to CommonJS here.
    '/node_modules/.*content-disposition/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' } }],
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@fastify/static/node_modules/)?content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api',
};
