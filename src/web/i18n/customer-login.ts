import { defineMessages } from './define.js';

/** Customer (one-time code) login answers: distinct from the staff login's "wrong username or password". */
export const CUSTOMER_LOGIN_MESSAGES = defineMessages(
  'customerLogin',
  {
    refused:
      '验证码错误或已过期，或该手机号未开通客户登录。请重新获取验证码；如手机号未在本行登记，请联系您的客户经理。',
    tooMany: '尝试次数过多，请稍后再试。',
    unavailable: '客户登录暂不可用（短信服务未配置或繁忙），请稍后再试。',
  },
  {
    refused:
      'Wrong or expired code, or this phone number is not registered for customer login. Request a new code; if your number is not registered with the bank, contact your relationship manager.',
    tooMany: 'Too many attempts; please try again later.',
    unavailable:
      'Customer login is not available right now (no SMS service, or it is busy); please try again later.',
  },
);
