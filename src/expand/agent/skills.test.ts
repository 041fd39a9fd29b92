import { describe, expect, it } from 'vitest';
import { gitSkillName, ociSkillName, planSkills, s3SkillName, skillNames, sshHosts, validSkillName } from './skills.js';

const IMAGE = 'ghcr.io/kagent-dev/kagent/skills-init:dev';

describe('skill directory names', () => {
  it('git: explicit name, else last segment of path, else repository name without .git', () => {
    expect(gitSkillName({ url: 'https://github.com/o/repo.git', name: 'mine', path: 'a/b' })).toBe('mine');
    expect(gitSkillName({ url: 'https://github.com/o/repo.git', path: 'skills/pdf/' })).toBe('pdf');
    expect(gitSkillName({ url: 'https://github.com/o/repo.git' })).toBe('repo');
    expect(gitSkillName({ url: 'git@github.com:o/repo.git' })).toBe('repo');
    expect(gitSkillName({ url: 'https://github.com/o/repo' })).toBe('repo');
  });

  it('oci: last path segment without tag or digest; a registry port is not a tag', () => {
    expect(ociSkillName('ghcr.io/o/skills/pdf:1.0')).toBe('pdf');
    expect(ociSkillName('localhost:5000/xlsx')).toBe('xlsx');
    expect(ociSkillName('localhost:5000/o/docx:2@sha256:abc')).toBe('docx');
    expect(ociSkillName('pptx')).toBe('pptx');
  });

  it('s3: last non-empty segment without .zip, .tgz or .tar.gz', () => {
    expect(s3SkillName('s3://b/p/pdf/')).toBe('pdf');
    expect(s3SkillName('s3://b/p/x.zip')).toBe('x');
    expect(s3SkillName('s3://b/p/x.tar.gz')).toBe('x');
    expect(s3SkillName('s3://b/p/x.tgz')).toBe('x');
    expect(s3SkillName('s3://b/p/x.gz')).toBe('x.gz');
    expect(s3SkillName('s3://bucket')).toBe('bucket');
  });

  it('accepts letters, digits, dot, underscore and dash, but not "." or ".."', () => {
    expect(validSkillName('a.B_c-1')).toBe(true);
    for (const bad of ['', '.', '..', 'a b', 'a/b', 'é']) expect(validSkillName(bad)).toBe(false);
  });

  it('skillNames lists git, then OCI, then S3', () => {
    expect(
      skillNames({
        skills: { refs: ['r/oci:1'], s3Refs: [{ uri: 's3://b/s3.zip' }], gitRefs: [{ url: 'https://h/g.git' }] },
      }),
    ).toEqual(['g', 'oci', 's3']);
    expect(skillNames({})).toEqual([]);
  });
});

describe('sshHosts', () => {
  it('collects scp-like and ssh:// hosts with ports, deduplicated and sorted; https is not ssh', () => {
    expect(
      sshHosts([
        'git@z.example:o/r.git',
        'ssh://git@a.example:2222/o/r.git',
        'https://b.example/o/r.git',
        'git@z.example:o/other.git',
        'ssh://a.example/o/r',
      ]),
    ).toEqual([{ host: 'a.example' }, { host: 'a.example', port: '2222' }, { host: 'z.example' }]);
  });
});

describe('planSkills', () => {
  it('returns no plan without refs (an empty skills block fetches nothing)', () => {
    expect(planSkills('a', { skills: {} }, IMAGE, undefined)).toEqual({ problems: [] });
    expect(planSkills('a', {}, IMAGE, undefined)).toEqual({ problems: [] });
  });

  it('writes the config in field order with git defaults and a full clone for a commit SHA', () => {
    const sha = 'a'.repeat(40);
    const { plan } = planSkills(
      'agent',
      {
        skills: {
          s3Refs: [{ uri: 's3://b/k.zip', region: 'eu-west-1' }],
          imagePullSecrets: [{ name: 'p' }],
          insecureSkipVerify: true,
          refs: ['r/oci:1'],
          gitRefs: [{ url: 'git@h:o/g.git', ref: sha, path: './x//y/' }, { url: 'https://h/o/h.git' }],
          gitAuthSecretRef: { name: 'auth' },
        },
      },
      IMAGE,
      undefined,
    );
    expect(plan?.configJson).toBe(
      '{"authMountPath":"/git-auth","gitRefs":[{"url":"git@h:o/g.git","ref":"' +
        sha +
        '","dest":"/skills/y","full":true,"subPath":"x/y"},{"url":"https://h/o/h.git","ref":"main","dest":"/skills/h"}],"ociRefs":[{"image":"r/oci:1","dest":"/skills/oci"}],"insecureOci":true,"sshHosts":[{"host":"h"}],"imagePullSecrets":["/docker-secrets/p"],"s3Refs":[{"uri":"s3://b/k.zip","dest":"/skills/k","region":"eu-west-1"}]}',
    );
    expect(plan?.configMapName).toBe('agent-skills-init');
    expect(plan?.volumes.map((v) => v.name)).toEqual([
      'kagent-skills',
      'skills-init-config',
      'git-auth',
      'pull-secret-p',
    ]);
    expect(plan?.initContainer.volumeMounts.map((m: { mountPath: string }) => m.mountPath)).toEqual([
      '/skills',
      '/etc/kagent/skills-init',
      '/git-auth',
      '/docker-secrets/p',
    ]);
    expect(plan?.mounts).toEqual([{ name: 'kagent-skills', readOnly: true, mountPath: '/skills' }]);
    expect(plan?.env).toEqual([{ name: 'KAGENT_SKILLS_FOLDER', value: '/skills' }]);
  });

  it('gives the init container the user securityContext (never privileged), user env and canonical resources', () => {
    const { plan } = planSkills(
      'agent',
      {
        skills: {
          refs: ['r/a'],
          initContainer: { env: [{ name: 'X', value: '1' }], resources: { limits: { cpu: '3000m' } } },
        },
      },
      IMAGE,
      { runAsUser: 1000 },
    );
    expect(plan?.initContainer).toMatchObject({
      name: 'skills-init',
      image: IMAGE,
      env: [{ name: 'X', value: '1' }],
      resources: { limits: { cpu: '3' } },
      securityContext: { runAsUser: 1000 },
    });
    expect(Object.keys(plan!.initContainer)).toEqual([
      'name',
      'image',
      'env',
      'resources',
      'volumeMounts',
      'securityContext',
    ]);
  });

  it('reports every problem: bad names, duplicates, subPath with .. or absolute, a ConfigMap name that is too long', () => {
    const { plan, problems } = planSkills(
      'x'.repeat(242),
      {
        skills: {
          gitRefs: [
            { url: 'https://h/o/dup.git' },
            { url: 'https://h/o/r.git', path: 'a/../b' },
            { url: 'https://h/o/r.git', path: '/abs', name: 'ok' },
            { url: 'u', name: 'a b' },
          ],
          refs: ['r/dup:1'],
        },
      },
      IMAGE,
      undefined,
    );
    expect(plan).toBeUndefined();
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [
        'spec.skills.gitRefs.3.name',
        'failed to build skills init container: git skill "u": skill name "a b" is invalid: it must match ^[A-Za-z0-9._-]+$ and not be "." or ".."',
      ],
      ['spec.skills.refs.0', 'failed to build skills init container: duplicate skill directory name "dup"'],
      [
        'spec.skills.gitRefs.1.path',
        `failed to build skills init container: skill subPath must be a relative path without '..' segments, got "a/../b"`,
      ],
      [
        'spec.skills.gitRefs.2.path',
        `failed to build skills init container: skill subPath must be a relative path without '..' segments, got "/abs"`,
      ],
      [
        'spec.skills',
        `failed to build skills init container: derived skills-init ConfigMap name "${'x'.repeat(242)}-skills-init" is invalid: must be no more than 253 characters`,
      ],
    ]);
  });
});
