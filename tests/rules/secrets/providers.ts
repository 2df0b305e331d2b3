// Fake, format-valid provider tokens for the secret rules (none is a real credential).

// ruleid: secret-github-token
export const VALUE_1: string = "ghp_ArBcAo6rDfT7I9WFjl5Lv3uoxrreulm01XIO";
// ruleid: secret-github-token
export const VALUE_2: string = "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";
// ruleid: secret-github-token
export const VALUE_3: string = "gho_cIcxoILFtnsg4koxPISm7HF1hXv42nU7v1Td";
// ok: secret-github-token
export const VALUE_4: string = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-github-token
export const VALUE_5: string = "ghp_shortvalue";

// ruleid: secret-gitlab-token
export const VALUE_6: string = "glpat-3jCx0VRbSUR75hg12rcM";
// ruleid: secret-gitlab-token
export const VALUE_7: string = "gldt-v7XlvomXJjXa1UYjpdo2";
// ok: secret-gitlab-token
export const VALUE_8: string = "glpat-xxxxxxxxxxxxxxxxxxxx";
// ok: secret-gitlab-token
export const VALUE_9: string = "glpat-<personal-token>";

// ruleid: secret-aws-access-key-id
export const VALUE_10: string = "AKIAH7WXCQIARXAWQH27";
// ruleid: secret-aws-access-key-id
export const VALUE_11: string = "ASIAEWOVYHMX5GIWSXQE";
// ok: secret-aws-access-key-id
export const VALUE_12: string = "AKIAIOSFODNN7EXAMPLE";
// ok: secret-aws-access-key-id
export const VALUE_13: string = "AKIAAAAAAAAAAAAAAAAA";

// ruleid: secret-google-api-key
export const VALUE_14: string = "AIzawfewPLmnIy3JDtxHxUboZ5l7W0tPr7XSK_B";
// ok: secret-google-api-key
export const VALUE_15: string = "AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-google-api-key
export const VALUE_16: string = "AIzaShortKey";

// ruleid: secret-azure-client-secret
export const VALUE_17: string = "CFB6Q~blVw4Uk.q.3s.U_nzpwIzyLmWyI26-Aynu";
// ok: secret-azure-client-secret
export const VALUE_18: string = "abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-slack-token
export const VALUE_19: string = "xoxb-855997124696-4908166042273-LGmNb7Qko6l3mr7dx4bI3nvr";
// ruleid: secret-slack-token
export const VALUE_20: string = "xapp-1-CWUNJ7RQHFI-4035451873843-0bf399abe8f5847c4654858ea461086701259c58936a08b6c1348a2a7f2141c7";
// ruleid: secret-slack-token
export const VALUE_21: string = "https://hooks.slack.com/services/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";
// ok: secret-slack-token
export const VALUE_22: string = "xoxb-your-bot-token";
// ok: secret-slack-token
export const VALUE_23: string = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

// ruleid: secret-stripe-key
export const VALUE_24: string = "sk_live_TVJt6WznzQBJTlG4TBHKtSMVp4WN8RUkoR";
// ruleid: secret-stripe-key
export const VALUE_25: string = "rk_live_t8yM2ZVawyu2ukQCva7WOpXcudFgYoRWfS";
// ok: secret-stripe-key
export const VALUE_26: string = "sk_test_TVJt6WznzQBJTlG4TBHKtSMVp4WN8RUkoR";
// ok: secret-stripe-key
export const VALUE_27: string = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-openai-key
export const VALUE_28: string = "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";
// ruleid: secret-openai-key
export const VALUE_29: string = "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";
// ok: secret-openai-key
export const VALUE_30: string = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-openai-key
export const VALUE_31: string = "sk-no-marker-q8yYFx3DmtXrj1K5O1tu";

// ruleid: secret-anthropic-key
export const VALUE_32: string = "sk-ant-api03-tJ7CZ2bg8ZPRRr2ni-iChbFWYdzuxJ7Dz4EGljPg8NVWh3_aerKW6nsS6g9k7nqltR41KC7XEZ2O1bPf0joxyYJ5Q8WjqAA";
// ruleid: secret-anthropic-key
export const VALUE_33: string = "sk-ant-admin01-__1Fm1pwz2gBb--mk9QHrpjw_okBs_geZFIbk3Vta1P7fH6DXxTbp0LeAkM5_ldXdnS2YDuQUlF2sgcbIpvJgvp2mjmNFAA";
// ok: secret-anthropic-key
export const VALUE_34: string = "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA";
// ok: secret-anthropic-key
export const VALUE_35: string = "sk-ant-api03-tooShort";

// ruleid: secret-ai-platform-token
export const VALUE_36: string = "hf_yAsqMwQMYT3uWa98FRFh40d5NPLSeAH511";
// ruleid: secret-ai-platform-token
export const VALUE_37: string = "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";
// ruleid: secret-ai-platform-token
export const VALUE_38: string = "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";
// ruleid: secret-ai-platform-token
export const VALUE_39: string = "r8_vscGEF9oTE68XYfLMl7og2NPUMNyYmNY2Ulmr";
// ruleid: secret-ai-platform-token
export const VALUE_40: string = "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";
// ok: secret-ai-platform-token
export const VALUE_41: string = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-ai-platform-token
export const VALUE_42: string = "gsk_tooShort";

// ruleid: secret-package-registry-token
export const VALUE_43: string = "npm_3J7XNVyHX6fewxjYvXcoHYA7Jtg7DlxLCOBB";
// ruleid: secret-package-registry-token
export const VALUE_44: string = "pypi-AgEIcHlwaS5vcmcLtB5V7OjVUV703EjH6EkmnskxO1NJMaZRY9p5BNcunX2943Fh-AqlWA_PgzCLJllzLkdUn";
// ok: secret-package-registry-token
export const VALUE_45: string = "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-package-registry-token
export const VALUE_46: string = "pypi-AgEIcHlwaS5vcmc";

// ruleid: secret-messaging-token
export const VALUE_47: string = "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";
// ruleid: secret-messaging-token
export const VALUE_48: string = "key-6xsszas04rprwlu795mk8s8etpiybix3";
// ruleid: secret-messaging-token
export const VALUE_49: string = "226994363:AAkLso33nu_5oOIGBuV-U4XRLeX3-Jj3YmD";
// ok: secret-messaging-token
export const VALUE_50: string = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-messaging-token
export const VALUE_51: string = "key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-saas-token
export const VALUE_52: string = "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";
// ruleid: secret-saas-token
export const VALUE_53: string = "dop_v1_1444a2d2b96f9f942b96bc2a479f005e7de1e56633bd1b9679fd2fa197949f65";
// ruleid: secret-saas-token
export const VALUE_54: string = "dapi19b7f04f8ca4e21eb4face24a9f1a0bb";
// ruleid: secret-saas-token
export const VALUE_55: string = "hvs.ut348QZIDccS5yVrIgacmJ7i0pXgPoljsjMe1XUP1tu40mwpGG7odQMqQAg-RG3PjDjr1ek3vUkqPVmkkgTVbDEzdBHAag4";
// ruleid: secret-saas-token
export const VALUE_56: string = "lin_api_Ta3R5Bq5PjNAE5lpnOXRjCWwHu3Duq7zdUGH6osy";
// ruleid: secret-saas-token
export const VALUE_57: string = "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";
// ok: secret-saas-token
export const VALUE_58: string = "shpat_00000000000000000000000000000000";
// ok: secret-saas-token
export const VALUE_59: string = "dapiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

// ruleid: secret-database-url
export const VALUE_60: string = "postgresql://mcp_app:Vq7rT2mXp9Lc@db.internal:5432/mcp";
// ruleid: secret-database-url
export const VALUE_61: string = "mongodb+srv://svc:9tJ0mKVEvkihPbgY@cluster0.mongodb.net/app";
// ok: secret-database-url
export const VALUE_62: string = "postgresql://postgres:postgres@localhost:5432/dev";
// ok: secret-database-url
export const VALUE_63: string = "postgres://app:${DB_PASSWORD}@db:5432/app";

// ruleid: secret-private-key
const signingKey: Buffer = Buffer.from(`-----BEGIN RSA PRIVATE KEY-----
gmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J
3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/
YRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8
X4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty
yoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9
7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW
g3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj
EybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV
-----END RSA PRIVATE KEY-----`);
// ruleid: secret-private-key
export const sa_material: string = "-----BEGIN PRIVATE KEY-----\ngmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J\n3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/\nYRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8\nX4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty\nyoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9\n7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW\ng3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj\nEybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV\n-----END PRIVATE KEY-----\n";
// ok: secret-private-key
export const doc_material: string = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg...\n-----END PRIVATE KEY-----";
// ok: secret-private-key
export const public_material: string = "-----BEGIN PUBLIC KEY-----\ngmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J\n3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/\nYRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8\nX4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty\nyoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9\n7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW\ng3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj\nEybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV\n-----END PUBLIC KEY-----\n";
