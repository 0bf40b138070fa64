// Tenancy: a chat workspace's company, its settings, and who in it may see what.
export * from './workspace-links.repository.ts';
export * from './access.ts';
export * from './workspace-removal.ts';
