import { expect } from '@open-wc/testing';
import { DEVICE_TOKEN_PATTERN } from '../../../common/api.js';
import { DEVICE_KEY, deviceToken } from './device.js';
import { loadMyReports, MY_REPORTS_KEY, rememberReport } from './my-reports.js';

describe('device token and my reports', () => {
  afterEach(() => {
    localStorage.removeItem(DEVICE_KEY);
    localStorage.removeItem(MY_REPORTS_KEY);
  });

  it('makes a 32-character base64url token once and keeps it in local storage', () => {
    localStorage.removeItem(DEVICE_KEY);
    const token = deviceToken();
    expect(token).to.match(/^[A-Za-z0-9_-]{32}$/).and.match(new RegExp(DEVICE_TOKEN_PATTERN));
    expect(deviceToken()).to.equal(token);
    expect(localStorage.getItem(DEVICE_KEY)).to.equal(token);
    localStorage.removeItem(DEVICE_KEY);
    expect(deviceToken()).to.not.equal(token);
  });

  it('keeps the token in memory when local storage throws', () => {
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const token = deviceToken();
      expect(token).to.match(/^[A-Za-z0-9_-]{32}$/);
      expect(deviceToken()).to.equal(token);
    } finally {
      Storage.prototype.getItem = getItem;
    }
  });

  it('remembers reports newest first, once each, and ignores a damaged list', () => {
    rememberReport({ id: 'AAAAAAAAAA', token: 't1', createdAt: '2026-01-01T00:00:00Z' });
    rememberReport({ id: 'BBBBBBBBBB', token: 't2', createdAt: '2026-01-02T00:00:00Z' });
    rememberReport({ id: 'AAAAAAAAAA', token: 't1', createdAt: '2026-01-01T00:00:00Z' });
    expect(loadMyReports().map((r) => r.id)).to.deep.equal(['AAAAAAAAAA', 'BBBBBBBBBB']);
    localStorage.setItem(MY_REPORTS_KEY, '{not json');
    expect(loadMyReports()).to.deep.equal([]);
  });
});
