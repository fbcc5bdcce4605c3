import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_DOMAIN, NETWORK, NODE_NAME } from './cluster-config';

/**
 * The cluster's certificates, made with openssl at the first `up` (Node has no X.509 writer, and
 * openssl is on every machine that builds this): a CA, the API server's serving certificate, an
 * admin client certificate (group system:masters) that every component and kubectl use, the
 * node's serving certificate for logs and exec, and the service-account signing key.
 */
export function ensurePki(dir: string): void {
  if (existsSync(join(dir, 'admin.crt'))) return;
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]) =>
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = (name: string) =>
    openssl(
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      `${name}.key`,
    );
  const signed = (name: string, subject: string, extensions: string[]) => {
    key(name);
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      `${name}.key`,
      '-subj',
      subject,
      '-days',
      '3650',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-out',
      `${name}.crt`,
      ...extensions.flatMap((extension) => ['-addext', extension]),
    );
  };
  key('ca');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-subj',
    '/CN=grpc-greeter-mesh cluster CA',
    '-days',
    '3650',
    '-out',
    'ca.crt',
  );
  const apiNames = [
    'kubernetes',
    'kubernetes.default',
    'kubernetes.default.svc',
    `kubernetes.default.svc.${CLUSTER_DOMAIN}`,
    'localhost',
  ];
  signed('apiserver', '/CN=kube-apiserver', [
    `subjectAltName=${['127.0.0.1', NETWORK.nodeIp, NETWORK.apiServiceIp]
      .map((ip) => `IP:${ip}`)
      .concat(apiNames.map((name) => `DNS:${name}`))
      .join(',')}`,
    'extendedKeyUsage=serverAuth',
  ]);
  signed('admin', '/O=system:masters/CN=cluster-admin', ['extendedKeyUsage=clientAuth']);
  signed('kubelet', `/CN=${NODE_NAME}`, [
    `subjectAltName=IP:${NETWORK.nodeIp},DNS:${NODE_NAME}`,
    'extendedKeyUsage=serverAuth',
  ]);
  key('sa');
  openssl('pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub');
}

/** A kubeconfig with the admin certificate, for the API server at server. */
export function writeKubeconfig(file: string, pkiDir: string, server: string): void {
  const lines = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '  - name: local',
    '    cluster:',
    `      server: ${server}`,
    `      certificate-authority: ${join(pkiDir, 'ca.crt')}`,
    'users:',
    '  - name: admin',
    '    user:',
    `      client-certificate: ${join(pkiDir, 'admin.crt')}`,
    `      client-key: ${join(pkiDir, 'admin.key')}`,
    'contexts:',
    '  - name: local',
    '    context: { cluster: local, user: admin }',
    'current-context: local',
  ];
  writeFileSync(file, lines.join('\n') + '\n');
}
