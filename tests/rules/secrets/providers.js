// Fake, format-valid provider tokens for the secret rules (none is a real credential).

// ruleid: secret-github-token
const VALUE_1 = "ghp_ArBcAo6rDfT7I9WFjl5Lv3uoxrreulm01XIO";
// ruleid: secret-github-token
const VALUE_2 = "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";
// ruleid: secret-github-token
const VALUE_3 = "gho_cIcxoILFtnsg4koxPISm7HF1hXv42nU7v1Td";
// ok: secret-github-token
const VALUE_4 = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-github-token
const VALUE_5 = "ghp_shortvalue";

// ruleid: secret-gitlab-token
const VALUE_6 = "glpat-3jCx0VRbSUR75hg12rcM";
// ruleid: secret-gitlab-token
const VALUE_7 = "gldt-v7XlvomXJjXa1UYjpdo2";
// ok: secret-gitlab-token
const VALUE_8 = "glpat-xxxxxxxxxxxxxxxxxxxx";
// ok: secret-gitlab-token
const VALUE_9 = "glpat-<personal-token>";

// ruleid: secret-aws-access-key-id
const VALUE_10 = "AKIAH7WXCQIARXAWQH27";
// ruleid: secret-aws-access-key-id
const VALUE_11 = "ASIAEWOVYHMX5GIWSXQE";
// ok: secret-aws-access-key-id
const VALUE_12 = "AKIAIOSFODNN7EXAMPLE";
// ok: secret-aws-access-key-id
const VALUE_13 = "AKIAAAAAAAAAAAAAAAAA";

// ruleid: secret-google-api-key
const VALUE_14 = "AIzawfewPLmnIy3JDtxHxUboZ5l7W0tPr7XSK_B";
// ok: secret-google-api-key
const VALUE_15 = "AIzaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-google-api-key
const VALUE_16 = "AIzaShortKey";

// ruleid: secret-azure-client-secret
const VALUE_17 = "CFB6Q~blVw4Uk.q.3s.U_nzpwIzyLmWyI26-Aynu";
// ok: secret-azure-client-secret
const VALUE_18 = "abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-slack-token
const VALUE_19 = "xoxb-855997124696-4908166042273-LGmNb7Qko6l3mr7dx4bI3nvr";
// ruleid: secret-slack-token
const VALUE_20 = "xapp-1-CWUNJ7RQHFI-4035451873843-0bf399abe8f5847c4654858ea461086701259c58936a08b6c1348a2a7f2141c7";
// ruleid: secret-slack-token
const VALUE_21 = "https://hooks.slack.com/services/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";
// ok: secret-slack-token
const VALUE_22 = "xoxb-your-bot-token";
// ok: secret-slack-token
const VALUE_23 = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

// ruleid: secret-stripe-key
const VALUE_24 = "sk_live_TVJt6WznzQBJTlG4TBHKtSMVp4WN8RUkoR";
// ruleid: secret-stripe-key
const VALUE_25 = "rk_live_t8yM2ZVawyu2ukQCva7WOpXcudFgYoRWfS";
// ok: secret-stripe-key
const VALUE_26 = "sk_test_TVJt6WznzQBJTlG4TBHKtSMVp4WN8RUkoR";
// ok: secret-stripe-key
const VALUE_27 = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-openai-key
const VALUE_28 = "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";
// ruleid: secret-openai-key
const VALUE_29 = "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";
// ok: secret-openai-key
const VALUE_30 = "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-openai-key
const VALUE_31 = "sk-no-marker-q8yYFx3DmtXrj1K5O1tu";

// ruleid: secret-anthropic-key
const VALUE_32 = "sk-ant-api03-tJ7CZ2bg8ZPRRr2ni-iChbFWYdzuxJ7Dz4EGljPg8NVWh3_aerKW6nsS6g9k7nqltR41KC7XEZ2O1bPf0joxyYJ5Q8WjqAA";
// ruleid: secret-anthropic-key
const VALUE_33 = "sk-ant-admin01-__1Fm1pwz2gBb--mk9QHrpjw_okBs_geZFIbk3Vta1P7fH6DXxTbp0LeAkM5_ldXdnS2YDuQUlF2sgcbIpvJgvp2mjmNFAA";
// ok: secret-anthropic-key
const VALUE_34 = "sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA";
// ok: secret-anthropic-key
const VALUE_35 = "sk-ant-api03-tooShort";

// ruleid: secret-ai-platform-token
const VALUE_36 = "hf_yAsqMwQMYT3uWa98FRFh40d5NPLSeAH511";
// ruleid: secret-ai-platform-token
const VALUE_37 = "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";
// ruleid: secret-ai-platform-token
const VALUE_38 = "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";
// ruleid: secret-ai-platform-token
const VALUE_39 = "r8_vscGEF9oTE68XYfLMl7og2NPUMNyYmNY2Ulmr";
// ruleid: secret-ai-platform-token
const VALUE_40 = "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";
// ok: secret-ai-platform-token
const VALUE_41 = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-ai-platform-token
const VALUE_42 = "gsk_tooShort";

// ruleid: secret-package-registry-token
const VALUE_43 = "npm_3J7XNVyHX6fewxjYvXcoHYA7Jtg7DlxLCOBB";
// ruleid: secret-package-registry-token
const VALUE_44 = "pypi-AgEIcHlwaS5vcmcLtB5V7OjVUV703EjH6EkmnskxO1NJMaZRY9p5BNcunX2943Fh-AqlWA_PgzCLJllzLkdUn";
// ok: secret-package-registry-token
const VALUE_45 = "npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-package-registry-token
const VALUE_46 = "pypi-AgEIcHlwaS5vcmc";

// ruleid: secret-messaging-token
const VALUE_47 = "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";
// ruleid: secret-messaging-token
const VALUE_48 = "key-6xsszas04rprwlu795mk8s8etpiybix3";
// ruleid: secret-messaging-token
const VALUE_49 = "226994363:AAkLso33nu_5oOIGBuV-U4XRLeX3-Jj3YmD";
// ok: secret-messaging-token
const VALUE_50 = "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
// ok: secret-messaging-token
const VALUE_51 = "key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

// ruleid: secret-saas-token
const VALUE_52 = "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";
// ruleid: secret-saas-token
const VALUE_53 = "dop_v1_1444a2d2b96f9f942b96bc2a479f005e7de1e56633bd1b9679fd2fa197949f65";
// ruleid: secret-saas-token
const VALUE_54 = "dapi19b7f04f8ca4e21eb4face24a9f1a0bb";
// ruleid: secret-saas-token
const VALUE_55 = "hvs.ut348QZIDccS5yVrIgacmJ7i0pXgPoljsjMe1XUP1tu40mwpGG7odQMqQAg-RG3PjDjr1ek3vUkqPVmkkgTVbDEzdBHAag4";
// ruleid: secret-saas-token
const VALUE_56 = "lin_api_Ta3R5Bq5PjNAE5lpnOXRjCWwHu3Duq7zdUGH6osy";
// ruleid: secret-saas-token
const VALUE_57 = "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";
// ok: secret-saas-token
const VALUE_58 = "shpat_00000000000000000000000000000000";
// ok: secret-saas-token
const VALUE_59 = "dapiaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

// ruleid: secret-database-url
const VALUE_60 = "postgresql://mcp_app:Vq7rT2mXp9Lc@db.internal:5432/mcp";
// ruleid: secret-database-url
const VALUE_61 = "mongodb+srv://svc:9tJ0mKVEvkihPbgY@cluster0.mongodb.net/app";
// ok: secret-database-url
const VALUE_62 = "postgresql://postgres:postgres@localhost:5432/dev";
// ok: secret-database-url
const VALUE_63 = "postgres://app:${DB_PASSWORD}@db:5432/app";

// ruleid: secret-private-key
const signingKey = `-----BEGIN RSA PRIVATE KEY-----
gmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J
3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/
YRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8
X4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty
yoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9
7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW
g3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj
EybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV
-----END RSA PRIVATE KEY-----`;
// ruleid: secret-private-key
const sa_material = "-----BEGIN PRIVATE KEY-----\ngmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J\n3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/\nYRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8\nX4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty\nyoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9\n7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW\ng3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj\nEybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV\n-----END PRIVATE KEY-----\n";
// ok: secret-private-key
const doc_material = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg...\n-----END PRIVATE KEY-----";
// ok: secret-private-key
const public_material = "-----BEGIN PUBLIC KEY-----\ngmKfLASg8ojRjEhY1+w/gXzmVQRhVwscH2aAwIHddlS38NbWDHcqpsaqAfyTL5/J\n3fPLUbR+7fRfik0Ev0StHmMSD46cUhktcYD5UeuH7NF8OD0WtpiNybKrNChPEG2/\nYRcr9pUEpX7U3WJE5amhgjDWZdHZEgAD9NFCRHwogHwRh0cwosrHPn4EEdAMqmv8\nX4SghMP69ldAjEsI41pbn9P0Q7UzeYgPvQQ5+7AENdOj/17E7kME3n6EPYQ12xty\nyoRGLmlbeegSj2BPfRH1429A6eVTUiZZmbUw1s4u/Bq0gqI01UvT/p8Z3TFb2qo9\n7mAjSPQZQXfo4uJdypepgp3qbjmkpu1CpsGiW3Fkh2n+A1Ou+ms+y1q3RAN/mvVW\ng3+m3GE8yR4Ant3ukPkkkUQmFEZFtBksXEQ/0G91PQ10NiGxN/+51Bt812yltOSj\nEybRShSjjs9I07HgJ86YX2hYtQwJOvth56HLwxttL4CYdp3ZS37kMVaVBz+KhkwV\n-----END PUBLIC KEY-----\n";
